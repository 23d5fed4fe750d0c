import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import { decodeScene, type MemberCard, type Org, type OrgDetail } from '@xianfeng/shared'
import { api, posterUrl } from '../../api/client'
import { useSession } from '../../auth/session'
import { BoardView } from '../../components/BoardView'
import { EmptyState, ErrorState, LoadingState } from '../../components/States'
import { useAsync } from '../../hooks/useAsync'
import { openPoster } from '../../platform/poster'
import { userOrgIds } from '../../utils/format'
import { BOARD_LAST_KEY, openCard, openStarBoard, openWishPost, takeBoardRequest } from '../../utils/nav'
import { useMorePages } from '../../hooks/useMorePages'
import { useOrgWithFallback } from '../../hooks/useOrgWithFallback'

interface Loaded {
  org: Org
  detail: OrgDetail | null
  children: Org[] | null
  items: MemberCard[]
  nextCursor: string | null
}

async function loadBoard(orgId: string): Promise<Loaded> {
  // The wall itself must load; the header counts and the children are extras that may fail alone.
  const [board, detail, children] = await Promise.all([
    api.board(orgId),
    api.org(orgId).catch(() => null),
    api.orgChildren(orgId).then((p) => p.items).catch(() => null),
  ])
  return { org: board.org, detail, children, items: board.items, nextCursor: board.nextCursor }
}

/** Which organisation to show when the link names none: the last one seen, mine, or the first top-level one. */
async function defaultOrgId(mine: string[]): Promise<string | null> {
  const last = Taro.getStorageSync(BOARD_LAST_KEY) as string | ''
  if (last) return last
  if (mine[0]) return mine[0]
  const roots = await api.rootOrgs()
  return roots.items[0]?.id ?? null
}

/** A scanned mini-program code of a board names the organisation in its scene. */
function sceneOrgId(raw: string | undefined): string | null {
  const scene = decodeScene(raw)
  return scene?.kind === 'org' ? scene.id : null
}

export default function BoardPage() {
  const router = useRouter()
  const { user } = useSession()
  // No organisation named: work one out.
  const { orgId, setOrgId, resolving: fallback } = useOrgWithFallback(
    () => takeBoardRequest() ?? (router.params.orgId ? decodeURIComponent(router.params.orgId) : sceneOrgId(router.params.scene)),
    () => defaultOrgId(userOrgIds(user)),
  )

  useDidShow(() => {
    const wanted = takeBoardRequest()
    if (wanted && wanted !== orgId) setOrgId(wanted)
  })

  const board = useAsync(async () => (orgId ? loadBoard(orgId) : null), [orgId])
  const { items, more, loadMore } = useMorePages(board.data, async (cursor) => {
    if (!orgId) throw new Error('no organisation')
    return api.board(orgId, cursor)
  })

  useEffect(() => {
    if (board.status !== 'success' || !board.data) return
    Taro.setStorageSync(BOARD_LAST_KEY, board.data.org.id)
    Taro.setNavigationBarTitle({ title: `${board.data.org.name} · 亮岗墙` }).catch(() => undefined)
  }, [board.status, board.data])

  usePullDownRefresh(() => {
    board.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  useShareAppMessage(() => ({
    title: board.data ? `${board.data.org.name} 亮岗墙` : '亮岗墙',
    path: orgId ? `/pages/board/index?orgId=${encodeURIComponent(orgId)}` : '/pages/board/index',
  }))

  if (!orgId) {
    if (fallback.status === 'error') return <ErrorState error={fallback.error} onRetry={fallback.reload} />
    if (fallback.status === 'success') return <EmptyState text="还没有可以查看的组织" hint="请通过组织的二维码或链接打开亮岗墙。" />
    return <LoadingState />
  }
  if (board.status === 'loading') return <LoadingState />
  if (board.status === 'error') return <ErrorState error={board.error} onRetry={board.reload} />
  if (!board.data) return <EmptyState text="还没有可以查看的组织" />

  const data = board.data
  return (
    <View className="xf-page">
      <BoardView
        org={data.org}
        detail={data.detail}
        childOrgs={data.children}
        items={items}
        hasMore={!!more.cursor}
        loadingMore={more.loading}
        loadMoreError={more.error}
        onLoadMore={loadMore}
        onOpenOrg={(id) => setOrgId(id)}
        onOpenCard={(c) => openCard(c.id)}
        onPoster={() => openPoster(posterUrl(data.org.id))}
        onWish={() => openWishPost(data.org.id)}
        onStars={() => openStarBoard(data.org.id)}
      />
    </View>
  )
}
