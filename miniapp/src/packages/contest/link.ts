import { Pages, pageLink } from '@xianfeng/shared'

export interface JudgeInvite {
  contestId: string | null
  judgeCode: string | null
}

/** The judge pad's link with the contest and its code: what the QR holds (an H5 URL when an origin is given). */
export function judgeLink(contestId: string, judgeCode: string, origin?: string): string {
  const link = pageLink(Pages.contestJudge, { id: contestId, code: judgeCode })
  return origin ? `${origin.replace(/\/+$/, '')}/#/${link}` : link
}

/**
 * The contest and code in whatever a judge scanned or pasted: the QR's URL, a mini-program path, or a
 * bare query. Null when it names neither (the code alone is enough to join: it names the contest).
 */
export function parseJudgeInvite(text: string): JudgeInvite | null {
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text
  const params: Record<string, string> = {}
  for (const part of query.split(/[&#]/)) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    try {
      params[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1))
    } catch {
      // a broken escape: ignore the parameter
    }
  }
  const id = params.id?.trim() || null
  if (id && !/^[\w-]{1,64}$/.test(id)) return null
  const code = params.code?.trim().toUpperCase() || null
  if (code && !/^[A-Z0-9]{1,16}$/.test(code)) return null
  return id || code ? { contestId: id, judgeCode: code } : null
}
