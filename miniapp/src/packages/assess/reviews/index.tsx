import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { MemberReviews, ReviewKind } from '@xianfeng/shared'
import { Limits, MemberReviewKindLabels as KindLabels, ReviewKinds } from '@xianfeng/shared'
import { reviewsApi } from '../../../api/assessment'
import { api } from '../../../api/client'
import { ApiError, describeError } from '../../../api/errors'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { StarInput, Stars } from '../../../components/Stars'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { formatTime } from '../../../utils/dates'
import { openLogin } from '../../../utils/nav'
import { reviewPeriods } from '../period'
import '../../staff/staff.css'
import '../assess.css'


/** 民主评议 of one member: the averages per kind for a period (public), giving a review, and the comments for the member and staff. */
export default function MemberReviewsPage() {
  const router = useRouter()
  const memberId = router.params.id ? decodeURIComponent(router.params.id) : ''
  const { token, user } = useSession()
  const periods = reviewPeriods()
  const [period, setPeriod] = useState(periods[0].value)
  const card = useAsync(async () => (memberId ? api.memberCard(memberId) : null), [memberId])
  const reviews = useAsync(async () => (memberId ? reviewsApi.get(memberId, period) : null), [memberId, period, token])
  const [kind, setKind] = useState<ReviewKind | null>(null)
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const give = useAction<MemberReviews>({
    describe: (e) => (e instanceof ApiError && e.code === 'ALREADY_REVIEWED' ? '您本期已经以这个身份评议过这位党员' : describeError(e)),
    onChanged: () => reviews.refresh(),
    staleCodes: ['ALREADY_REVIEWED'],
    onStale: () => reviews.refresh(),
  })

  if (!memberId) return <EmptyState text="没有指定要评议的党员" hint="请从党员名片进入。" />
  if (card.status === 'loading' || reviews.status === 'loading') return <LoadingState />
  if (card.status === 'error') return <ErrorState error={card.error} onRetry={card.reload} />
  if (reviews.status === 'error') return <ErrorState error={reviews.error} onRetry={reviews.reload} />
  if (!card.data || !reviews.data) return <EmptyState text="没有找到这位党员" />

  const m = card.data
  const r: MemberReviews = reviews.data
  // The server says which kinds the caller may still give (none for the member themselves).
  const kinds = r.viewer.canReview
  const chosen = kind && kinds.includes(kind) ? kind : kinds[kinds.length - 1] ?? null

  const submit = () =>
    chosen &&
    give.run('give', () => reviewsApi.give(m.id, { period, kind: chosen, score, comment: comment.trim() || undefined }), {
      done: '评议已提交',
      after: () => {
        setScore(0)
        setComment('')
      },
    })

  return (
    <View className="xf-page xf-staff xf-reviews" data-testid="member-reviews">
      <View className="xf-staff__org">
        <Text className="xf-staff__org-label">民主评议 · {m.orgName}</Text>
        <Text className="xf-staff__org-name">{m.name}</Text>
      </View>

      <View className="xf-section">
        <View className="xf-chips" role="radiogroup" aria-label="评议时段">
          {periods.map((p) => (
            <View key={p.value} className={`xf-chip xf-assess__chip${p.value === period ? ' xf-chip--on' : ''}`} role="radio" aria-checked={p.value === period} hoverClass="xf-pressed" onClick={() => setPeriod(p.value)}>
              {p.label}
            </View>
          ))}
        </View>
      </View>

      <View className="xf-section">
        <View className="xf-section__title">评议结果</View>
        <View className="xf-assess__averages">
          {ReviewKinds.map((k) => (
            <View key={k} className="xf-assess__average" data-testid={`average-${k}`}>
              <Text className="xf-assess__average-label">{KindLabels[k]}</Text>
              <Text className="xf-assess__average-value">{r[k].average === null ? '—' : r[k].average.toFixed(1)}</Text>
              <Stars value={r[k].average} size="sm" />
              <Text className="xf-assess__average-count">{r[k].count} 人评议</Text>
            </View>
          ))}
        </View>
        <Text className="xf-field__hint">满分 5 分。评议人不公开。</Text>
      </View>

      <View className="xf-section">
        <View className="xf-section__title">我来评议</View>
        <View className="xf-panel">
          {!token ? (
            <>
              <Text className="xf-lead">登录后可以为这位党员评议打分。</Text>
              <Button type="primary" size="large" block onClick={openLogin}>
                登录
              </Button>
            </>
          ) : kinds.length === 0 ? (
            <Text className="xf-lead" data-testid="review-none">
              {user?.member?.id === m.id
                ? '不能评议自己，这里是大家对您的评议。'
                : r.viewer.reviewed.length > 0
                  ? `您本期已评议（${r.viewer.reviewed.map((k) => KindLabels[k]).join('、')}），感谢参与。`
                  : '您不能评议这位党员。'}
            </Text>
          ) : (
            <>
              <Alert>{give.error}</Alert>
              {kinds.length > 1 ? (
                <Field label="评议身份">
                  <View className="xf-chips">
                    {kinds.map((k) => (
                      <View key={k} className={`xf-chip${k === chosen ? ' xf-chip--on' : ''}`} hoverClass="xf-pressed" onClick={() => setKind(k)}>
                        {KindLabels[k]}
                      </View>
                    ))}
                  </View>
                </Field>
              ) : (
                <Text className="xf-lead">以“{KindLabels[chosen!]}”身份评议，每期一次。</Text>
              )}
              <Field label="评分">
                <StarInput value={score} onChange={setScore} />
              </Field>
              <Field label="评语（选填）">
                <TextArea className="xf-nut-textarea" value={comment} maxLength={Limits.memberReview.comment} showCount placeholder="说说这位党员做得好的地方和建议" onChange={setComment} />
              </Field>
              <Button type="primary" size="large" block disabled={score < 1} loading={give.busy === 'give'} onClick={submit}>
                提交评议
              </Button>
            </>
          )}
        </View>
      </View>

      {r.comments ? (
        <View className="xf-section">
          <View className="xf-section__title">评语（{r.comments.length}）</View>
          {r.comments.length === 0 ? (
            <EmptyState text="本期还没有评语" />
          ) : (
            r.comments.map((c, i) => (
              <View key={i} className="xf-panel xf-assess__comment" data-testid="review-comment">
                <View className="xf-assess__comment-head">
                  <Text className="xf-tag xf-tag--plain">{KindLabels[c.kind]}</Text>
                  <Stars value={c.score} size="sm" />
                  <Text className="xf-assess__comment-time">{formatTime(c.createdAt)}</Text>
                </View>
                <Text className="xf-assess__comment-text">{c.comment || '（未写评语）'}</Text>
              </View>
            ))
          )}
          <Text className="xf-field__hint">只有本人和所在组织的党务工作者能看到评语，不显示评议人。</Text>
        </View>
      ) : null}
      <View className="xf-section">
        <Text className="xf-link" onClick={() => Taro.navigateBack().catch(() => undefined)}>
          ‹ 返回名片
        </Text>
      </View>
    </View>
  )
}
