import Taro from '@tarojs/taro'

/** weapp: a spreadsheet from a WeChat chat (文件传输助手), where staff keep their rosters. */
export async function pickRosterFile(): Promise<{ path: string; name: string } | null> {
  const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }).catch(() => null)
  const f = r?.tempFiles?.[0]
  return f ? { path: f.path, name: f.name } : null
}
