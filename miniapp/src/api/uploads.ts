import Taro from '@tarojs/taro'
import type { UploadResponse } from '@xianfeng/shared'
import { getToken } from '../auth/session'
import { API_BASE_URL } from './base'
import { ApiError, errorFromResponse, networkError } from './errors'

/**
 * A multipart POST of one file (field `file`) from the device — a temp path on weapp, a blob: URL on
 * H5 — answering the JSON body, or throwing the server's error (with its details) as an ApiError.
 * `fileName` tells the server the file's kind where the path does not (an H5 blob URL).
 */
export async function uploadFileTo<T>(path: string, filePath: string, fileName?: string): Promise<T> {
  const token = getToken()
  let res: Awaited<ReturnType<typeof Taro.uploadFile>>
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE_URL}${path}`,
      filePath,
      name: 'file',
      ...(fileName ? { fileName } : {}),
      header: token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' },
      timeout: 60000,
    })
  } catch {
    throw networkError()
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorFromResponse(res.statusCode, res.data)
  try {
    const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as T
    if (body && typeof body === 'object') return body
  } catch {
    // fall through
  }
  throw new ApiError(res.statusCode, 'BAD_RESPONSE', '服务器返回了无法识别的数据')
}

/**
 * POST /uploads — one image from the device (a path from Taro.chooseImage) → its public URL, to
 * attach to a wish's fulfilment or a commitment's progress.
 */
export async function uploadImage(filePath: string): Promise<string> {
  const body = await uploadFileTo<UploadResponse>('/uploads', filePath)
  if (typeof body.url === 'string') return body.url
  throw new ApiError(200, 'BAD_RESPONSE', '服务器返回了无法识别的数据')
}
