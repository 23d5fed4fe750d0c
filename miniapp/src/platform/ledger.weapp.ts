import Taro from '@tarojs/taro'
import { errorFromResponse, networkError } from '../api/errors'

/**
 * weapp: download the workbook with the bearer token into a temporary file, then open it in
 * WeChat's document viewer, whose menu (showMenu) forwards it to a chat or saves it.
 * The file name is WeChat's to choose; the viewer shows the workbook itself.
 */
export async function saveLedger(url: string, token: string | null, _fileName: string): Promise<void> {
  let res: Taro.downloadFile.FileSuccessCallbackResult
  try {
    res = await Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} })
  } catch {
    throw networkError()
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorFromResponse(res.statusCode, undefined)
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}

/** What the button says it does on this platform. */
export const LEDGER_HINT = '在微信中打开，可转发给群聊或保存'
