import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Deed } from '@xianfeng/shared'
import { DeedSourceLabels, DeedStatusLabels } from '@xianfeng/shared'
import { PhotoGrid } from '../../../components/Photos'
import { formatDate } from '../../../utils/format'

const TONE = { pending: 'wait', confirmed: 'ok', returned: 'off' } as const

/** A 我为群众办实事 record. `beneficiary` only reaches the member and their organisation's staff. */
export function DeedCard({ d, showMember, children }: { d: Deed; showMember?: boolean; children?: ReactNode }) {
  return (
    <View className="xf-svc__card" data-testid="deed-card">
      <View className="xf-svc__card-head">
        <Text className="xf-svc__card-title">{d.title}</Text>
        <Text className={`xf-tag xf-svc__tag xf-svc__tag--${TONE[d.status]}`}>{DeedStatusLabels[d.status]}</Text>
      </View>
      <Text className="xf-svc__line xf-svc__muted">
        {showMember ? `${d.memberName} · ` : ''}
        {formatDate(d.doneOn)} · {DeedSourceLabels[d.source]}
      </Text>
      <Text className="xf-svc__line">{d.description}</Text>
      {d.beneficiary ? <Text className="xf-svc__line xf-svc__muted">服务对象（不公开）：{d.beneficiary}</Text> : null}
      {d.returnReason ? <Text className="xf-svc__line xf-svc__strong">退回原因：{d.returnReason}</Text> : null}
      <PhotoGrid photos={d.photos} />
      {children}
    </View>
  )
}
