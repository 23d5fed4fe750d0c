import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Activity, Attendance } from '@xianfeng/shared'
import { Limits } from '@xianfeng/shared'
import { serviceApi } from '../../../api/service'
import { ActionPanel, Lead } from '../../../components/ActionPanel'
import { Field } from '../../../components/Field'
import type { Action } from '../../../hooks/useAction'
import { currentLocation } from '../../../platform/location'
import { SCAN_SUPPORTED, scanCode } from '../../../platform/scan'
import { codeFromScan } from '../code-timing'

/**
 * Scan in or out at the activity: the organiser's rotating code, scanned with the camera on weapp or
 * typed on H5 (and on weapp when the camera will not read it). Where the activity has a radius, the
 * member's position goes with the check-in.
 */
export function CheckPanel({ activity, mode, action }: { activity: Activity; mode: 'in' | 'out'; action: Action<Activity | Attendance> }) {
  const [typed, setTyped] = useState('')
  const [showInput, setShowInput] = useState(!SCAN_SUPPORTED)
  const verb = mode === 'in' ? '签到' : '签退'

  const submit = (raw: string | null) => {
    const code = codeFromScan(raw)
    if (!code) return
    void action.run(mode, async () => {
      if (mode === 'out') return serviceApi.checkout(activity.id, { code })
      let location: { lat: number; lng: number } | undefined
      if (activity.location) {
        try {
          location = await currentLocation()
        } catch {
          throw new Error('没能获取您的位置。这个活动要在现场签到，请在设置中允许获取位置后再试')
        }
      }
      return serviceApi.checkin(activity.id, { code, ...(location ? { location } : {}) })
    }, { done: `${verb}成功`, after: () => setTyped('') })
  }

  const scan = async () => {
    try {
      submit(await scanCode())
    } catch {
      setShowInput(true)
    }
  }

  return (
    <ActionPanel title={`现场${verb}`} testid={`check-${mode}`} error={action.error}>
      <Lead>
        {mode === 'in'
          ? `到达活动现场后，${SCAN_SUPPORTED ? '扫描' : '输入'}工作人员手机上的签到码。签到码每 30 秒更换一次${activity.location ? '，签到时会确认您在活动地点附近' : ''}。`
          : `活动结束离开时，再${SCAN_SUPPORTED ? '扫一次' : '输入一次'}签到码签退，服务时长按签到到签退计算。`}
      </Lead>
      {SCAN_SUPPORTED ? (
        <Button type="primary" size="large" block loading={action.busy === mode} onClick={scan}>
          扫码{verb}
        </Button>
      ) : null}
      {showInput ? (
        <>
          <Field label="签到码" hint="工作人员手机上二维码下方的 16 位字母和数字，横线可不输">
            <Input
              className="xf-svc__code-input"
              name="checkinCode"
              value={typed}
              maxLength={Limits.service.checkinCode}
              placeholder="输入签到码"
              onChange={setTyped}
            />
          </Field>
          <Button type="primary" size="large" block fill={SCAN_SUPPORTED ? 'outline' : undefined} loading={action.busy === mode} disabled={!typed.trim()} onClick={() => submit(typed)}>
            确认{verb}
          </Button>
        </>
      ) : (
        <View className="xf-links">
          <Text className="xf-link xf-link--muted" onClick={() => setShowInput(true)}>
            扫不了？输入签到码
          </Text>
        </View>
      )}
    </ActionPanel>
  )
}
