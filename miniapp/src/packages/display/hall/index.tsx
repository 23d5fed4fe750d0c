import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { describeError } from '../../../api/errors'
import { Avatar } from '../../../components/Avatar'
import { formatDate, partyYearsText, postKindLabel } from '../../../utils/format'
import { CARD_SECONDS, REFRESH_SECONDS, loadHall, type HallData } from './hall'
import './index.css'

const clock = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`

/**
 * 电子显示屏: the service hall's landscape screen for one organisation (`?orgId=`). No login, public
 * data only: its board's cards one after another, the wish wall's figures and the newest completed
 * wishes. Fetches everything again every minute; a failed fetch keeps the last picture and says since when.
 */
export default function HallDisplayPage() {
  const { params } = useRouter()
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : ''
  const [data, setData] = useState<HallData | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [index, setIndex] = useState(0)
  const [now, setNow] = useState(() => new Date())

  useEffect(() => {
    if (!orgId) return
    let live = true
    const load = () =>
      loadHall(orgId).then(
        (d) => {
          if (!live) return
          setData(d)
          setError(null)
        },
        (e) => live && setError(describeError(e)),
      )
    load()
    const t = setInterval(load, REFRESH_SECONDS * 1000)
    return () => {
      live = false
      clearInterval(t)
    }
  }, [orgId])

  useEffect(() => {
    const t = setInterval(() => {
      setIndex((i) => i + 1)
      setNow(new Date())
    }, CARD_SECONDS * 1000)
    return () => clearInterval(t)
  }, [])

  if (!orgId) {
    return (
      <View className="xf-hall xf-hall--message">
        <Text className="xf-hall__message">请在显示屏链接中指定组织：…/packages/display/hall/index?orgId=组织编号</Text>
      </View>
    )
  }
  if (!data) {
    return (
      <View className="xf-hall xf-hall--message" data-testid="hall-loading">
        <Text className="xf-hall__message">{error ? `暂时无法加载：${error}，稍后自动重试` : '正在加载…'}</Text>
      </View>
    )
  }

  const card = data.cards.length ? data.cards[index % data.cards.length] : null
  const kind = card ? postKindLabel(card.postKind) : null
  const c = data.counts
  return (
    <View className="xf-hall" data-testid="hall-display">
      <View className="xf-hall__head">
        <Text className="xf-hall__org" data-testid="hall-org">{data.org.name}</Text>
        <Text className="xf-hall__motto">党员亮身份 · 服务在身边</Text>
        <Text className="xf-hall__clock">{clock(now)}</Text>
      </View>

      <View className="xf-hall__body">
        <View className="xf-hall__card" data-testid="hall-card">
          {card ? (
            <>
              <Avatar name={card.name} photoUrl={card.photoUrl} size="lg" />
              <View className="xf-hall__card-text">
                <View className="xf-hall__name-row">
                  <Text className="xf-hall__name" data-testid="hall-card-name">{card.name}</Text>
                  {kind ? <Text className="xf-hall__kind">{kind}</Text> : null}
                </View>
                {card.postTitle ? <Text className="xf-hall__post">{card.postTitle}</Text> : null}
                {card.duties ? <Text className="xf-hall__duties">{card.duties}</Text> : null}
                <Text className="xf-hall__years">
                  {partyYearsText(card.partyYears)}
                  {card.orgId !== data.org.id ? ` · ${card.orgName}` : ''}
                </Text>
              </View>
              <Text className="xf-hall__pager">
                {(index % data.cards.length) + 1} / {data.cards.length}
              </Text>
            </>
          ) : (
            <Text className="xf-hall__message">党员名片即将上墙</Text>
          )}
        </View>

        <View className="xf-hall__side">
          <Text className="xf-hall__side-title">微心愿</Text>
          <View className="xf-hall__figures" data-testid="hall-counts">
            <View className="xf-hall__figure">
              <Text className="xf-hall__num" data-testid="hall-fulfilled">{c.fulfilled}</Text>
              <Text className="xf-hall__label">已完成</Text>
            </View>
            <View className="xf-hall__figure">
              <Text className="xf-hall__num" data-testid="hall-open">{c.open}</Text>
              <Text className="xf-hall__label">待认领</Text>
            </View>
            <View className="xf-hall__figure">
              <Text className="xf-hall__num" data-testid="hall-posted">{c.posted}</Text>
              <Text className="xf-hall__label">累计上墙</Text>
            </View>
          </View>
          <Text className="xf-hall__side-title">最新完成</Text>
          <View className="xf-hall__done" data-testid="hall-completed">
            {data.completed.length === 0 ? <Text className="xf-hall__done-empty">还没有完成的心愿</Text> : null}
            {data.completed.map((w) => (
              <View key={w.id} className="xf-hall__done-item" data-testid="hall-completed-wish">
                <Text className="xf-hall__done-title">{w.title}</Text>
                <Text className="xf-hall__done-who">
                  {w.claimant ? `${w.claimant.name} 帮 ${w.wisherDisplayName}` : w.wisherDisplayName}
                  {w.fulfilment ? ` · ${formatDate(w.fulfilment.fulfilledAt)}` : ''}
                </Text>
              </View>
            ))}
          </View>
        </View>
      </View>
      {error ? <Text className="xf-hall__stale">网络中断，显示的是 {clock(data.loadedAt)} 的内容</Text> : null}
    </View>
  )
}
