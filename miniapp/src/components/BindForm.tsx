import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { User } from '@xianfeng/shared'
import { Limits } from '@xianfeng/shared'
import { api } from '../api/client'
import { describeError } from '../api/errors'

/** Binds this WeChat account to the member record staff created, with the one-time code they gave. */
export function BindForm({ onBound }: { onBound: (user: User) => void }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async () => {
    const bindCode = code.trim()
    if (!bindCode) {
      setError('请输入绑定码')
      return
    }
    setBusy(true)
    setError(null)
    try {
      onBound(await api.bindMember(bindCode))
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-panel" data-testid="bind-form">
      <Text className="xf-me__lead">您还没有绑定党员身份。请输入支部发给您的绑定码：</Text>
      <View className="xf-field">
        <Text className="xf-field__label">绑定码</Text>
        <Input
          className="xf-me__input"
          name="bindCode"
          value={code}
          placeholder="例如 K7M2Q9"
          maxLength={Limits.bindCode.max}
          clearable
          onChange={(v) => setCode(v)}
          onConfirm={submit}
        />
        {error ? (
          <View className="xf-field__error" role="alert">
            {error}
          </View>
        ) : null}
        <Text className="xf-field__hint">群众无需绑定，可直接浏览亮岗墙和名片。</Text>
      </View>
      <Button type="primary" size="large" block loading={busy} onClick={submit}>
        绑定党员身份
      </Button>
    </View>
  )
}
