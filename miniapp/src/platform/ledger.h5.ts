import { ApiError, errorFromResponse, networkError } from '../api/errors'

/**
 * H5: the ledger needs the bearer token, so a plain link will not do: fetch it, then hand the
 * browser the bytes as a download with the file's name.
 */
export async function saveLedger(url: string, token: string | null, fileName: string): Promise<void> {
  let res: Response
  try {
    res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw errorFromResponse(res.status, await res.text().catch(() => ''))
  const blob = await res.blob()
  if (blob.size === 0) throw new ApiError(res.status, 'BAD_RESPONSE', '台账文件是空的，请稍后再试')
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The download has started from the object URL by now; let it finish before freeing the bytes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}

/** What the button says it does on this platform. */
export const LEDGER_HINT = '下载 Excel 工作簿到本机'
