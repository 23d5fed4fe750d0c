import { DemoAccounts } from '@xianfeng/shared'

/**
 * H5 has no wx.login. Against the local stand-in WeChat, a code of the form `dev:<openid>` signs in
 * as that openid, so the H5 build offers a small form instead of the WeChat button.
 */
export const LOGIN_METHOD: 'wechat' | 'dev' = 'dev'

/** Every seeded demo account (the server's seed creates the same list), offered as one-tap suggestions. */
export const DEV_ACCOUNTS: ReadonlyArray<{ openid: string; label: string }> = DemoAccounts.map(({ openid, label }) => ({ openid, label }))

export async function getLoginCode(openid?: string): Promise<string> {
  const id = (openid ?? '').trim()
  if (!id) throw new Error('请输入 openid')
  return `dev:${id}`
}
