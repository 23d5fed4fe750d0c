import type { CommitmentStatus, ReviewKind, ReviewSummary } from '@xianfeng/shared'

export const COMMITMENT_PAGES = {
  list: '/packages/commitment/list/index',
  detail: '/packages/commitment/detail/index',
  create: '/packages/commitment/create/index',
}

export const StatusLabels: Record<CommitmentStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '践诺中',
  fulfilled: '已践诺',
  withdrawn: '已撤回',
}

export const ReviewKindLabels: Record<ReviewKind, string> = {
  org: '组织点评',
  peer: '党员互评',
  public: '群众评议',
}

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
