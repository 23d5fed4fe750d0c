import Taro from '@tarojs/taro'
import type { UploadResponse } from '@xianfeng/shared'
import { getToken } from '../auth/session'
import { API_BASE_URL } from './base'
import { ApiError, errorFromResponse, networkError } from './errors'

/**
 * POST /uploads — one image from the device (a path from Taro.chooseImage: a temp file on weapp, a
 * blob: URL on H5) → its public URL, to attach to a wish's fulfilment or a commitment's progress.
 */
export async function uploadImage(filePath: string): Promise<string> {
  const token = getToken()
  let res: Awaited<ReturnType<typeof Taro.uploadFile>>
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE_URL}/uploads`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' },
      timeout: 60000,
    })
  } catch {
    throw networkError()
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorFromResponse(res.statusCode, res.data)
  try {
    const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as UploadResponse
    if (body && typeof body.url === 'string') return body.url
  } catch {
    // fall through
  }
  throw new ApiError(res.statusCode, 'BAD_RESPONSE', '服务器返回了无法识别的数据')
}
