import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { serviceApi } from '../../../api/service'
import { useSession } from '../../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { QrCode } from '../../../components/QrCode'
import { codeLines } from '../code-timing'
import { formatRange } from '../format'
import { useRotatingCode } from './useRotatingCode'
import '../service.css'
import './index.css'

/** The QR's side: most of the screen's width, and no wider than a tablet needs. */
function qrWidth(): number {
  try {
    const w = Taro.getSystemInfoSync().windowWidth
    return Math.min(Math.round(w * 0.8), 480)
  } catch {
    return 280
  }
}

function CodeScreen({ activityId }: { activityId: string }) {
  const c = useRotatingCode(() => serviceApi.checkinCode(activityId))
  const width = useMemo(qrWidth, [])
  if (!c.code) {
    if (c.error) return <ErrorState error={new Error(c.error)} />
    return <LoadingState text="正在生成签到码…" />
  }
  return (
    <View className="xf-code__box">
      <View className={`xf-code__qr ${c.expired ? 'xf-code__qr--stale' : ''}`}>
        <QrCode text={c.code} side={width} screenPx testid="checkin-qr" />
      </View>
      <Text className="xf-code__label">签到码</Text>
      <View className="xf-code__text" data-testid="checkin-code" data-code={c.code}>
        {codeLines(c.code).map((line) => (
          <Text key={line} className="xf-code__line">
            {line}
          </Text>
        ))}
      </View>
      {c.expired ? (
        <Text className="xf-code__warn">
          网络中断，签到码已失效，正在重新获取…
        </Text>
      ) : (
        <Text className="xf-code__timer" data-testid="code-timer">
          {c.secondsToNext} 秒后自动更换
        </Text>
      )}
      {c.error && !c.expired ? <Text className="xf-code__warn">网络不稳定，正在重试</Text> : null}
    </View>
  )
}

/**
 * 签到码: held up in the room by the organiser. The code changes every 30 s (a signed, time-stepped
 * token), so a photo forwarded to someone at home is useless a minute later.
 */
export default function CheckinCodePage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const { token } = useSession()
  const activity = useAsync(async () => (id ? serviceApi.activity(id) : null), [id, token])

  // A phone held up for an hour must not lock its screen.
  useEffect(() => {
    Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => {
      Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
    }
  }, [])

  if (!id) return <EmptyState text="没有指定活动" />
  if (activity.status === 'loading') return <LoadingState />
  if (activity.status === 'error') return <ErrorState error={activity.error} onRetry={activity.reload} />
  const a = activity.data
  if (!a) return <EmptyState text="没有找到这个活动" />
  if (a.participants === undefined) return <EmptyState text="只有活动组织方的工作人员可以出示签到码" />

  return (
    <View className="xf-page xf-code" data-testid="code-page">
      <View className="xf-code__head">
        <Text className="xf-code__title">{a.title}</Text>
        <Text className="xf-code__sub">{formatRange(a.startsAt, a.endsAt)} · {a.place}</Text>
      </View>
      <CodeScreen activityId={a.id} />
      <Text className="xf-code__hint">请党员打开小程序中的本活动，点“扫码签到”扫描上方二维码；网页版输入下方签到码。签到和签退都用此码。</Text>
    </View>
  )
}
