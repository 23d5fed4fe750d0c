import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import { assessApi } from '../../../api/assessment'
import { api } from '../../../api/client'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { formatScore } from '../../../utils/score'
import { StarRow } from '../StarRow'
import '../assess.css'

async function load(orgId: string) {
  const [org, board] = await Promise.all([api.org(orgId), assessApi.stars(orgId)])
  return { org, board }
}

/** The public star board: an organisation's children with their stars and totals from the latest published assessment. */
export default function StarBoardPage() {
  const router = useRouter()
  const orgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : ''
  const data = useAsync(async () => (orgId ? load(orgId) : null), [orgId])

  useEffect(() => {
    if (data.data) Taro.setNavigationBarTitle({ title: `${data.data.org.name} · 星级榜` }).catch(() => undefined)
  }, [data.data])
  usePullDownRefresh(() => {
    data.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShareAppMessage(() => ({ title: data.data ? `${data.data.org.name} 评星定级星级榜` : '评星定级星级榜', path: `/packages/assess/stars/index?orgId=${encodeURIComponent(orgId)}` }))

  if (!orgId) return <EmptyState text="没有指定组织" hint="请从组织的亮岗墙进入星级榜。" />
  if (data.status === 'loading') return <LoadingState />
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />
  if (!data.data) return null
  const { org, board } = data.data

  let place = 0
  return (
    <View className="xf-page xf-starboard" data-testid="star-board">
      <View className="xf-hero">
        <Text className="xf-board__name">{org.name}</Text>
        <Text className="xf-starboard__sub" data-testid="star-title">
          {board.title ? `${board.title} · ` : '评星定级 · '}下级组织星级榜
        </Text>
      </View>
      <View className="xf-section">
        {board.items.length === 0 ? (
          <EmptyState text="还没有公布的评星结果" hint="上级组织公布评星定级结果后，会显示在这里。" />
        ) : (
          board.items.map((it, i) => {
            if (i === 0 || it.total !== board.items[i - 1].total) place = i + 1
            return (
              <View key={it.orgId} className="xf-starboard__row" data-testid="star-row">
                <Text className="xf-starboard__place">{place}</Text>
                <View className="xf-starboard__main">
                  <Text className="xf-starboard__name">{it.name}</Text>
                  <StarRow stars={it.stars} />
                </View>
                <View className="xf-starboard__total">
                  <Text className="xf-starboard__total-value" data-testid="star-total">{formatScore(it.total)}</Text>
                  <Text className="xf-starboard__total-unit">总分</Text>
                </View>
              </View>
            )
          })
        )}
      </View>
    </View>
  )
}
