import { addDays, todayInShanghai } from '@xianfeng/shared'
import { serviceApi } from '../../../api/service'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { ActivityCard } from '../components/ActivityCard'
import { openActivity } from '../labels'

/** The organisation's activities from a month back (to confirm minutes after the day) onwards. */
export function ActivitiesTab({ orgId, version }: { orgId: string; version: number }) {
  const list = useAsync(() => serviceApi.activities({ orgId, from: addDays(todayInShanghai(), -30), limit: 100 }), [orgId, version])
  if (list.status === 'loading') return <LoadingState />
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={list.reload} />
  if (list.data.items.length === 0) return <EmptyState text="还没有发布活动" hint="点上方“发布活动”，可以发布单次活动或每周一次的志愿服务岗。" />
  return (
    <>
      {list.data.items.map((a) => (
        <ActivityCard key={a.id} a={a} onOpen={(x) => openActivity(x.id)} />
      ))}
    </>
  )
}
