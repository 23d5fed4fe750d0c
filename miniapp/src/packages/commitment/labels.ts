import type { CommitmentStatus, ReviewSummary } from '@xianfeng/shared'
import { CommitmentStatusLabels, Pages, pageUrl } from '@xianfeng/shared'

export { ReviewKindLabels } from '@xianfeng/shared'

export const COMMITMENT_PAGES = {
  list: pageUrl(Pages.commitmentList),
  detail: pageUrl(Pages.commitmentDetail),
  create: pageUrl(Pages.commitmentCreate),
}

export const StatusLabels = CommitmentStatusLabels

export function statusTone(s: CommitmentStatus): 'red' | 'gold' | 'grey' | 'plain' {
  if (s === 'published') return 'red'
  if (s === 'fulfilled') return 'gold'
  if (s === 'withdrawn') return 'grey'
  return 'plain'
}

/** Every review together: the mean of all scores (weighted by count) and how many there are. */
export function overallScore(s: ReviewSummary): { average: number | null; count: number } {
  let count = 0
  let sum = 0
  for (const k of ['org', 'peer', 'public'] as const) {
    const { count: n, average } = s[k]
    if (n > 0 && average != null) {
      count += n
      sum += average * n
    }
  }
  return { average: count > 0 ? Math.round((sum / count) * 10) / 10 : null, count }
}
