import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { formatScore } from '../../../utils/score'
import { nextUp, rankRows } from '../ranking'
import { useLive } from '../useLive'
import './index.css'

const STATE_WORDS = { connecting: '连接中', live: '实时', polling: '实时', offline: '网络中断，正在重连…' } as const

/**
 * 擂台比武 big screen (H5, landscape, no login): who is on stage, how many judges have scored, and the
 * live ranking, sized in viewport units so it reads the same on a 720p projector and a 1080p wall.
 */
export default function ContestScreenPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : null
  const { live, state, error } = useLive(id)

  if (!id) return <EmptyState text="没有指定比赛" hint="请从主持人控制台打开大屏链接。" />
  if (!live) {
    return (
      <View className="xf-screen xf-screen--plain">
        {error ? <ErrorState error={error} /> : <LoadingState text="正在连接比赛…" />}
      </View>
    )
  }

  const rows = rankRows(live)
  const onStage = live.currentName
  const next = nextUp(live)
  // Rows share the ranking's height; up to 8 keep the largest type.
  const rowVh = Math.min(8.5, 66 / Math.max(rows.length, 1))
  const ended = live.status === 'ended'
  return (
    <View className="xf-screen" data-testid="contest-screen">
      <View className="xf-screen__top">
        <Text className="xf-screen__title">{live.title || '擂台比武'}</Text>
        <View className="xf-screen__meta">
          {!ended ? (
            <Text className="xf-screen__code">
              评委 <Text className="xf-screen__code-value">{live.judges}</Text> 位
            </Text>
          ) : null}
          <Text className={`xf-screen__conn xf-screen__conn--${state}`} data-testid="screen-connection">
            ● {STATE_WORDS[state]}
          </Text>
        </View>
      </View>

      <View className="xf-screen__body">
        <View className="xf-screen__stage" data-testid="screen-stage">
          {ended ? (
            <>
              <Text className="xf-screen__label">比赛结束</Text>
              <Text className="xf-screen__presenter">最终成绩</Text>
            </>
          ) : onStage || live.current ? (
            <>
              <Text className="xf-screen__label">正在上台</Text>
              <Text className="xf-screen__presenter" data-testid="screen-presenter">
                {onStage ?? rows.find((r) => r.current)?.name ?? '—'}
              </Text>
              <Text className="xf-screen__scored" data-testid="screen-scored">
                已打分 <Text className="xf-screen__scored-n">{live.scored}</Text> / {live.judges} 位评委
              </Text>
              <View className="xf-screen__progress">
                <View className="xf-screen__progress-fill" style={{ width: `${live.judges ? (100 * live.scored) / live.judges : 0}%` }} />
              </View>
            </>
          ) : (
            <>
              <Text className="xf-screen__label">{next ? '下一位' : '请稍候'}</Text>
              <Text className="xf-screen__presenter xf-screen__presenter--wait" data-testid="screen-next">
                {next ? next.name : '全部上台完毕'}
              </Text>
              <Text className="xf-screen__scored">已有 {live.judges} 位评委入场</Text>
            </>
          )}
        </View>

        <View className="xf-screen__ranking" data-testid="screen-ranking">
          <Text className="xf-screen__label">{ended ? '最终排名' : '实时排名'}</Text>
          {rows.length === 0 ? (
            <Text className="xf-screen__empty">第一轮打分后显示排名</Text>
          ) : (
            rows.map((r) => (
              <View
                key={r.orgId}
                className={`xf-screen__row${r.current ? ' xf-screen__row--current' : ''}`}
                style={{ height: `${rowVh}vh`, fontSize: `${rowVh * 0.48}vh` }}
                data-testid="screen-row"
                data-org={r.orgId}
              >
                <Text className={`xf-screen__place xf-screen__place--${Math.min(r.rank, 4)}`}>{r.rank}</Text>
                <Text className="xf-screen__name">{r.name}</Text>
                <View className="xf-screen__bar">
                  <View className="xf-screen__bar-fill" style={{ width: `${r.percent}%` }} />
                </View>
                <Text className="xf-screen__score" data-testid="screen-score">
                  {formatScore(r.score)}
                </Text>
              </View>
            ))
          )}
        </View>
      </View>
    </View>
  )
}
