import { Text, View } from '@tarojs/components'
import type { CommitmentSummary } from '@xianfeng/shared'
import { Stars } from '../../../components/Stars'
import { formatDate } from '../../../utils/format'
import { StatusLabels, overallScore, statusTone } from '../labels'
import '../tags.css'
import './CommitmentCard.css'

/** One commitment in a list: what, whose, by when, and how it is rated. */
export function CommitmentCard({ c, onOpen }: { c: CommitmentSummary; onOpen: (c: CommitmentSummary) => void }) {
  const score = overallScore(c.reviewSummary)
  return (
    <View className="xf-ccard" data-testid="commitment-card" hoverClass="xf-pressed" onClick={() => onOpen(c)}>
      <View className="xf-ccard__head">
        <Text className="xf-ccard__kind">{c.ownerType === 'branch' ? '支部承诺' : '党员承诺'}</Text>
        <View className="xf-ccard__tags">
          {c.overdue ? <Text className="xf-tag xf-overdue">逾期</Text> : null}
          <Text className={`xf-tag xf-cstatus--${statusTone(c.status)}`}>{StatusLabels[c.status] ?? c.status}</Text>
        </View>
      </View>
      <Text className="xf-ccard__title">{c.title}</Text>
      <Text className="xf-ccard__owner">
        {c.ownerType === 'branch' ? c.ownerName : `${c.ownerName} · ${c.orgName}`}
      </Text>
      <View className="xf-ccard__foot">
        <Text className={`xf-ccard__due ${c.overdue ? 'xf-ccard__due--late' : ''}`}>完成期限 {formatDate(c.dueOn)}</Text>
        <View className="xf-ccard__score">
          {score.count > 0 ? (
            <>
              <Stars value={score.average} size="sm" />
              <Text className="xf-ccard__score-text">
                {score.average} 分 · {score.count} 条评价
              </Text>
            </>
          ) : (
            <Text className="xf-ccard__score-text">暂无评价</Text>
          )}
        </View>
      </View>
    </View>
  )
}
