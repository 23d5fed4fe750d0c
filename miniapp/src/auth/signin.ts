import type { User } from '@xianfeng/shared'
import { api } from '../api/client'
import { getLoginCode } from './login'
import { saveSession } from './session'

/** Gets a login code the platform's way, exchanges it for a token and keeps both token and user. */
export async function signIn(openid?: string): Promise<User> {
  const code = await getLoginCode(openid)
  const { token, user } = await api.login(code)
  saveSession(token, user)
  return user
}
