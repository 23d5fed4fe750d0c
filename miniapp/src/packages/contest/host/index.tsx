import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { Contest, Org } from '@xianfeng/shared'
import { Limits, Pages, RoundStatusLabels, pageUrl } from '@xianfeng/shared'
import { contestApi } from '../../../api/assessment'
import { api } from '../../../api/client'
import { describeError } from '../../../api/errors'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { formatScore } from '../../../utils/score'
import { pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../../staff/OrgHeader'
import { judgeLink } from '../link'
import { QrCode } from '../../../components/QrCode'
import { rankRows } from '../ranking'
import { useLive } from '../useLive'
import { appOrigin } from '../../../platform/origin'
import '../../staff/staff.css'
import '../contest.css'
import './index.css'

/** Contests this phone created for an organisation, newest first, to find the console again. */
interface Recent {
  id: string
  title: string
}
const recentKey = (orgId: string) => `xf.contests.${orgId}`
function recentContests(orgId: string): Recent[] {
  const v = Taro.getStorageSync(recentKey(orgId)) as Recent[] | ''
  return Array.isArray(v) ? v : []
}
function rememberContest(orgId: string, c: Recent): void {
  Taro.setStorageSync(recentKey(orgId), [c, ...recentContests(orgId).filter((x) => x.id !== c.id)].slice(0, 10))
}

/** The organisations that may present: the children and grandchildren of the host's organisation. */
async function presenterChoices(orgId: string): Promise<Org[]> {
  const children = (await api.orgChildren(orgId)).items
  const grand = await Promise.all(children.map((c) => api.orgChildren(c.id).then((p) => p.items, () => [] as Org[])))
  return children.flatMap((c, i) => [c, ...grand[i]])
}

function CreateContest({ orgId, orgName }: { orgId: string; orgName: string }) {
  const choices = useAsync(() => presenterChoices(orgId), [orgId])
  const [title, setTitle] = useState('')
  const [order, setOrder] = useState<Org[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const recent = recentContests(orgId)

  const toggle = (o: Org) => setOrder((xs) => (xs.some((x) => x.id === o.id) ? xs.filter((x) => x.id !== o.id) : [...xs, o]))
  const up = (i: number) => setOrder((xs) => (i === 0 ? xs : [...xs.slice(0, i - 1), xs[i], xs[i - 1], ...xs.slice(i + 1)]))

  const create = async () => {
    if (busy) return
    if (!title.trim()) return setError('请填写比赛名称')
    if (order.length < 2) return setError('请至少选择两个上台的组织')
    setBusy(true)
    setError(null)
    try {
      const created = await contestApi.create(orgId, { title: title.trim(), presenterOrgIds: order.map((o) => o.id) })
      rememberContest(orgId, { id: created.id, title: created.title })
      Taro.redirectTo({ url: pageUrl(Pages.contestHost, { id: created.id }) })
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-page xf-staff xf-host">
      <OrgHeader org={{ id: orgId, name: orgName }} label="擂台比武" />
      {recent.length > 0 ? (
        <View className="xf-section">
          <View className="xf-section__title">最近的比赛</View>
          {recent.map((r) => (
            <View key={r.id} className="xf-panel xf-host__recent" data-testid="recent-contest" hoverClass="xf-pressed" onClick={() => Taro.navigateTo({ url: pageUrl(Pages.contestHost, { id: r.id }) })}>
              <Text className="xf-host__order-name">{r.title}</Text>
              <Text className="xf-tool__arrow">›</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="xf-section">
        <View className="xf-section__title">新建比赛</View>
      </View>
      <View className="xf-section">
        <View className="xf-panel">
          <Alert>{error}</Alert>
          <Field label="比赛名称">
            <Input className="xf-input" name="title" value={title} maxlength={Limits.contest.title} placeholder="例如 2026 年度支部书记擂台比武" onInput={(e) => setTitle(e.detail.value)} />
          </Field>
          <Field label="上台顺序" hint="点选下方的组织，按点选的先后上台；↑ 调整顺序。">
            {order.length === 0 ? (
              <Text className="xf-field__hint">还没有选择</Text>
            ) : (
              order.map((o, i) => (
                <View key={o.id} className="xf-host__order" data-testid="order-item">
                  <Text className="xf-host__order-no">{i + 1}</Text>
                  <Text className="xf-host__order-name">{o.name}</Text>
                  {i > 0 ? (
                    <View className="xf-host__icon" hoverClass="xf-pressed" aria-label="上移" onClick={() => up(i)}>
                      ↑
                    </View>
                  ) : null}
                  <View className="xf-host__icon" hoverClass="xf-pressed" aria-label="移除" onClick={() => toggle(o)}>
                    ×
                  </View>
                </View>
              ))
            )}
          </Field>
          {choices.status === 'loading' ? <LoadingState /> : null}
          {choices.status === 'error' ? <ErrorState error={choices.error} onRetry={choices.reload} /> : null}
          {choices.status === 'success' ? (
            <View className="xf-chips xf-host__choices">
              {choices.data.map((o) => (
                <View key={o.id} className={`xf-chip${order.some((x) => x.id === o.id) ? ' xf-chip--on' : ''}`} hoverClass="xf-pressed" onClick={() => toggle(o)}>
                  {o.name}
                </View>
              ))}
            </View>
          ) : null}
          <Button type="primary" size="large" block loading={busy} onClick={create}>
            创建比赛
          </Button>
        </View>
      </View>
    </View>
  )
}

function Console({ id }: { id: string }) {
  const contest = useAsync(() => contestApi.get(id), [id])
  const { live, refresh: refreshLive } = useLive(id)
  const act = useAction<unknown>({ describe: describeError, onChanged: () => (contest.refresh(), refreshLive()) })

  // Judges join on their own phones: look again every few seconds.
  useEffect(() => {
    const t = setInterval(() => contest.refresh(), 4000)
    return () => clearInterval(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  if (contest.status === 'loading') return <LoadingState />
  if (contest.status === 'error') return <ErrorState error={contest.error} onRetry={contest.reload} />
  const c: Contest = contest.data
  const ended = c.status === 'ended'
  const open = c.rounds.find((p) => p.status === 'open') ?? null
  const next = open ? null : c.rounds.find((p) => p.status === 'pending') ?? null
  const link = c.judgeCode ? judgeLink(c.id, c.judgeCode, appOrigin() ?? undefined) : null
  const screen = `${appOrigin() ?? ''}/#${pageUrl(Pages.contestScreen, { id: c.id })}`

  return (
    <View className="xf-page xf-staff xf-host" data-testid="contest-host">
      <View className="xf-staff__org">
        <Text className="xf-staff__org-label">擂台比武 · 主持人控制台</Text>
        <Text className="xf-staff__org-name">{c.title}</Text>
      </View>
      <Alert section>{act.error}</Alert>

      {!ended && c.judgeCode ? (
        <View className="xf-section">
          <View className="xf-section__title">评委入场</View>
          <View className="xf-panel xf-host__invite">
            <Text className="xf-host__code-label">评委码</Text>
            <Text className="xf-host__code" data-testid="judge-code">{c.judgeCode}</Text>
            {link ? <QrCode text={link} side={400} testid="judge-qr" /> : null}
            <Text className="xf-field__hint">评委用微信扫码，或打开“擂台比武 · 评委打分”输入评委码。</Text>
            <View className="xf-host__links">
              <Text className="xf-link" onClick={() => Taro.setClipboardData({ data: screen })}>
                复制大屏链接
              </Text>
            </View>
          </View>
        </View>
      ) : null}

      <View className="xf-section">
        <View className="xf-section__title">
          <Text>评委（{c.judges.length} 人）</Text>
        </View>
        <View className="xf-panel">
          {c.judges.length === 0 ? <Text className="xf-field__hint">还没有评委加入</Text> : null}
          {c.judges.map((j) => (
            <View key={j.userId} className="xf-host__judge" data-testid="host-judge">
              <Text className="xf-host__judge-name">{j.name ?? '未署名评委'}</Text>
              {!ended ? (
                <View
                  className="xf-host__remove"
                  hoverClass="xf-pressed"
                  onClick={() =>
                    act.run('remove', () => contestApi.removeJudge(c.id, j.userId), {
                      done: '已移出',
                      confirm: { title: '移出评委', content: `移出“${j.name ?? '这位评委'}”？其在未结束轮次的打分将作废。` },
                    })
                  }
                >
                  移出
                </View>
              ) : null}
            </View>
          ))}
        </View>
      </View>

      <View className="xf-section">
        <View className="xf-section__title">上台顺序</View>
        <View className="xf-panel">
          {c.rounds.map((p) => (
            <View key={p.orgId} className={`xf-host__round xf-host__round--${p.status}`} data-testid="host-round">
              <Text className="xf-host__order-no">{p.order}</Text>
              <View className="xf-host__round-text">
                <Text className="xf-host__order-name">{p.name}</Text>
                <Text className="xf-host__round-state">
                  {RoundStatusLabels[p.status]}
                  {p.status === 'open' ? ` · 已打分 ${live?.current === p.orgId ? live.scored : p.scored}/${live?.judges ?? c.judges.length}` : ''}
                  {p.status === 'closed' && p.score !== null ? ` · ${formatScore(p.score)} 分` : ''}
                </Text>
              </View>
              {!ended && open?.orgId === p.orgId ? (
                <Button type="primary" size="small" loading={act.busy === 'close'} onClick={() => act.run('close', () => contestApi.closeRound(c.id, p.orgId), { done: '本轮已结束', confirm: { title: '结束本轮', content: `结束“${p.name}”的打分？结束后评委不能再改分。` } })}>
                  结束本轮
                </Button>
              ) : null}
              {!ended && next?.orgId === p.orgId ? (
                <Button type="primary" size="small" fill="outline" loading={act.busy === 'open'} onClick={() => act.run('open', () => contestApi.openRound(c.id, p.orgId), { done: '开始打分' })}>
                  开始打分
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      </View>

      {live && live.ranking.length > 0 ? (
        <View className="xf-section">
          <View className="xf-section__title">{ended ? '最终排名' : '实时排名'}</View>
          <View className="xf-panel">
            {rankRows(live).map((r) => (
              <View key={r.orgId} className="xf-contest__rank">
                <Text className="xf-contest__rank-place">{r.rank}</Text>
                <Text className="xf-contest__rank-name">{r.name}</Text>
                <Text className="xf-contest__rank-score">{formatScore(r.score)}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {!ended ? (
        <View className="xf-section">
          <Button
            type="primary"
            size="large"
            block
            fill="outline"
            loading={act.busy === 'end'}
            onClick={() => act.run('end', () => contestApi.end(c.id), { done: '比赛已结束', confirm: { title: '结束比赛', content: '结束后成绩即为最终成绩，评委码作废。' } })}
          >
            结束比赛
          </Button>
        </View>
      ) : (
        <Text className="xf-staff__scope">比赛已结束，成绩为最终成绩。</Text>
      )}
    </View>
  )
}

/** 擂台比武 host: `?orgId=` creates a contest for that organisation, `?id=` runs one. */
export default function ContestHostPage() {
  const router = useRouter()
  const { user } = useSession()
  const id = router.params.id ? decodeURIComponent(router.params.id) : null
  const org = pageOrg(user, router.params.orgId)
  if (id) return <Console id={id} />
  if (!org) return <EmptyState text="您还不是党务工作者" hint="擂台比武由组织的党务工作者主持。" />
  return <CreateContest orgId={org.id} orgName={org.name} />
}
