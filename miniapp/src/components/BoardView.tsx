import { Text, View } from '@tarojs/components'
import type { MemberCard, Org, OrgDetail } from '@xianfeng/shared'
import { orgTypeLabel } from '../utils/format'
import { MemberCardItem } from './MemberCardItem'
import { EmptyState } from './States'
import './BoardView.css'
import { LoadMore } from './LoadMore'

export interface BoardViewProps {
  org: Org
  detail: OrgDetail | null
  childOrgs: Org[] | null
  items: MemberCard[]
  hasMore: boolean
  loadingMore: boolean
  loadMoreError: string | null
  onLoadMore: () => void
  onOpenOrg: (orgId: string) => void
  onOpenCard: (card: MemberCard) => void
  onPoster: () => void
  /** 我要许愿 to this organisation. */
  onWish?: () => void
  /** The star board of the children (评星定级), shown when there are children. */
  onStars?: () => void
}

/** The 亮岗 wall: who the organisation is, where it sits, and its members' public cards. */
export function BoardView(props: BoardViewProps) {
  const { org, detail, childOrgs, items } = props
  return (
    <View className="xf-board">
      <View className="xf-hero">
        {detail?.parentId ? (
          <Text className="xf-board__parent" onClick={() => props.onOpenOrg(detail.parentId!)}>
            ‹ 上级：{detail.parentName ?? '上级组织'}
          </Text>
        ) : null}
        <Text className="xf-board__name">{org.name}</Text>
        <View className="xf-board__meta">
          <Text className="xf-board__type">{orgTypeLabel(org.type)}</Text>
          {detail ? <Text className="xf-board__count">党员 {detail.counts.members} 名</Text> : null}
        </View>
        <View className="xf-board__actions">
          <View className="xf-board__poster" hoverClass="xf-pressed" onClick={props.onPoster}>
            <Text>打印亮岗海报</Text>
          </View>
          {props.onWish ? (
            <View className="xf-board__poster xf-board__wish" data-testid="board-wish" hoverClass="xf-pressed" onClick={props.onWish}>
              <Text>我要许愿</Text>
            </View>
          ) : null}
        </View>
      </View>

      {childOrgs && childOrgs.length > 0 ? (
        <View className="xf-section">
          <View className="xf-section__title">
            <Text>下级组织</Text>
            {props.onStars ? (
              <Text className="xf-section__action" data-testid="board-stars" onClick={props.onStars}>
                星级榜 ›
              </Text>
            ) : null}
          </View>
          <View className="xf-board__children">
            {childOrgs.map((c) => (
              <View key={c.id} className="xf-board__child" hoverClass="xf-pressed" onClick={() => props.onOpenOrg(c.id)}>
                <Text className="xf-board__child-name">{c.name}</Text>
                <Text className="xf-board__child-type">{orgTypeLabel(c.type)} ›</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      <View className="xf-section xf-board__list-title">
        <View className="xf-section__title">
          <Text>党员亮岗</Text>
        </View>
      </View>
      {items.length === 0 ? (
        <EmptyState text="本组织暂无公开的党员名片" hint={childOrgs && childOrgs.length > 0 ? '可以看看下级组织的亮岗墙。' : undefined} />
      ) : (
        <View className="xf-board__list">
          {items.map((c) => (
            <MemberCardItem key={c.id} card={c} onOpen={props.onOpenCard} wallOrgId={props.org.id} />
          ))}
        </View>
      )}

      <LoadMore
        hasMore={props.hasMore}
        loading={props.loadingMore}
        error={props.loadMoreError}
        onMore={props.onLoadMore}
        endText={items.length > 0 ? `— 共 ${items.length} 名党员亮岗 —` : null}
      />
    </View>
  )
}
