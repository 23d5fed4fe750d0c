/**
 * H5 has no wx.login. Against the local stand-in WeChat, a code of the form `dev:<openid>` signs in
 * as that openid, so the H5 build offers a small form instead of the WeChat button.
 */
export const LOGIN_METHOD: 'wechat' | 'dev' = 'dev'

/** The seeded demo accounts (server seed), offered as one-tap suggestions. */
export const DEV_ACCOUNTS: ReadonlyArray<{ openid: string; label: string }> = [
  { openid: 'demo-secretary', label: '支部书记' },
  { openid: 'demo-member', label: '党员' },
  { openid: 'demo-resident', label: '群众' },
]

export async function getLoginCode(openid?: string): Promise<string> {
  const id = (openid ?? '').trim()
  if (!id) throw new Error('请输入 openid')
  return `dev:${id}`
}
