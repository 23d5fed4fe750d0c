import Taro from '@tarojs/taro'

/** weapp signs in with the WeChat account: one button, no typing. */
export const LOGIN_METHOD: 'wechat' | 'dev' = 'wechat'

/** Test accounts are an H5 (local development) thing only. */
export const DEV_ACCOUNTS: ReadonlyArray<{ openid: string; label: string }> = []

/** The code for `POST /auth/wechat-login`: a fresh one from wx.login. */
export async function getLoginCode(_openid?: string): Promise<string> {
  const { code } = await Taro.login()
  if (!code) throw new Error('微信登录失败，请重试')
  return code
}
