import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useRef, useState } from 'react'
import { describeError } from '../../api/errors'
import { DEV_ACCOUNTS, LOGIN_METHOD } from '../../auth/login'
import { signIn } from '../../auth/signin'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import './index.css'

/** Back to where the person came from; a fresh start (opened by a link) lands on 我的. */
function leave() {
  if (Taro.getCurrentPages().length > 1) {
    Taro.navigateBack()
  } else {
    Taro.switchTab({ url: '/pages/me/index' })
  }
}

export default function LoginPage() {
  const [openid, setOpenid] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const openedAt = useRef(Date.now())

  const submit = async (id?: string) => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const user = await signIn(id ?? openid)
      Taro.showToast({ title: `欢迎，${user.member?.name || user.nickname || '您好'}`, icon: 'none' })
      // Taro H5 hides the page underneath ~300 ms after this one slides in; going back sooner leaves a blank screen.
      setTimeout(leave, Math.max(0, 400 - (Date.now() - openedAt.current)))
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-page xf-login">
      <View className="xf-login__hero">
        <Text className="xf-login__title">先锋</Text>
        <Text className="xf-login__sub">亮身份 · 践承诺 · 办实事</Text>
      </View>

      <View className="xf-section">
        <View className="xf-panel">
          <Alert>{error}</Alert>

          {LOGIN_METHOD === 'wechat' ? (
            <View>
              <Text className="xf-login__lead">使用微信账号登录后，可以绑定党员身份、查看和编辑自己的名片。</Text>
              <Button type="primary" size="large" block loading={busy} onClick={() => submit()}>
                微信一键登录
              </Button>
            </View>
          ) : (
            <View>
              <Text className="xf-login__lead">网页版（本地开发）：输入一个测试账号的 openid 登录。</Text>
              <Field label="openid">
                <Input
                  className="xf-login__input"
                  name="openid"
                  value={openid}
                  placeholder="例如 demo-member"
                  clearable
                  onChange={(v) => setOpenid(v)}
                  onConfirm={() => submit()}
                />
              </Field>
              <Button type="primary" size="large" block loading={busy} disabled={!openid.trim()} onClick={() => submit()}>
                登录
              </Button>
              <Text className="xf-field__label xf-login__demo-title">示例账号（点击直接登录）</Text>
              <View className="xf-login__demos">
                {DEV_ACCOUNTS.map((a) => (
                  <View
                    key={a.openid}
                    className="xf-login__demo"
                    hoverClass="xf-pressed"
                    onClick={() => {
                      setOpenid(a.openid)
                      submit(a.openid)
                    }}
                  >
                    <Text className="xf-login__demo-label">{a.label}</Text>
                    <Text className="xf-login__demo-id">{a.openid}</Text>
                  </View>
                ))}
              </View>
            </View>
          )}
        </View>
        <Text className="xf-login__note">不登录也可以浏览亮岗墙和党员名片。</Text>
      </View>
    </View>
  )
}
