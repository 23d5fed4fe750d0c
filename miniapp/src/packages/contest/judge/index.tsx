import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useRef, useState } from 'react'
import type { JudgePad } from '@xianfeng/shared'
import { Limits } from '@xianfeng/shared'
import { contestApi } from '../../../api/assessment'
import { ApiError, describeError } from '../../../api/errors'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { EmptyState, LoadingState } from '../../../components/States'
import { SCAN_SUPPORTED as canScan, scanCode } from '../../../platform/scan'
import { openLogin } from '../../../utils/nav'
import { formatScore, parseScore } from '../../../utils/score'
import { parseJudgeInvite } from '../link'
import { startLiveFeed, type LiveFeed } from '../live'
import { ScorePad } from '../ScorePad'
import '../../staff/staff.css'
import '../contest.css'
import './index.css'

/** The contest this phone judges, so a reload returns to the pad. */
const LAST_KEY = 'xf.judge.contest'

const isForbidden = (e: unknown) => e instanceof ApiError && (e.statusCode === 403 || e.statusCode === 404)

/**
 * The judge's pad, kept fresh by polling `GET /contests/:id/judging` (a judge's phone may be weapp,
 * which has no EventSource; one small request every 1.5 s per judge is nothing next to the screens).
 * `lost`: the server stopped answering the pad after it had — the host removed this judge.
 */
function usePad(contestId: string | null) {
  const [pad, setPad] = useState<JudgePad | null>(null)
  const [lost, setLost] = useState(false)
  const [failed, setFailed] = useState<unknown>(null)
  const seen = useRef(false)
  const feed = useRef<LiveFeed | null>(null)
  useEffect(() => {
    setPad(null)
    setLost(false)
    setFailed(null)
    seen.current = false
    if (!contestId) return undefined
    const f = startLiveFeed<JudgePad>({
      fetch: () => contestApi.pad(contestId),
      streamUrl: null,
      openStream: () => null,
      fastPollMs: 1500,
      onData: (p) => {
        seen.current = true
        setPad(p)
        setLost(false)
        setFailed(null)
      },
      onError: (e) => {
        if (isForbidden(e) && seen.current) setLost(true)
        setFailed(e)
      },
    })
    feed.current = f
    return () => f.stop()
  }, [contestId])
  useDidShow(() => feed.current?.refresh())
  return { pad, lost, failed, setPad, refresh: () => feed.current?.refresh() }
}

/** 评委打分: join with the judge code (typed, or from the scanned QR), then score each presenter while the host keeps the round open. */
export default function JudgePage() {
  const router = useRouter()
  const { token } = useSession()
  const invite = parseJudgeInvite(Object.entries(router.params).map(([k, v]) => `${k}=${v ?? ''}`).join('&'))
  const [contestId, setContestId] = useState<string | null>(() => invite?.contestId ?? ((Taro.getStorageSync(LAST_KEY) as string) || null))
  const [code, setCode] = useState(invite?.judgeCode ?? '')
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { pad, lost, failed, setPad, refresh } = usePad(token ? contestId : null)
  const round = pad?.current ?? null

  // A new round: start from an empty pad (or the score already given, shown above it).
  useEffect(() => {
    setDraft('')
    setError(null)
  }, [round?.orgId])

  const join = async (withCode = code) => {
    if (busy) return
    const c = withCode.trim().toUpperCase()
    if (!c) return setError('请填写评委码')
    setBusy(true)
    setError(null)
    try {
      const joined = await contestApi.joinByCode(c)
      Taro.setStorageSync(LAST_KEY, joined.contestId)
      setPad(joined)
      setContestId(joined.contestId)
      Taro.showToast({ title: '已加入评委席', icon: 'success' })
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    setError(null)
    const found = await scanCode({ fromAlbum: true }).catch(() => null)
    const parsed = found ? parseJudgeInvite(found) : null
    if (!parsed?.judgeCode) return setError('没有识别到评委二维码，请对准主持人出示的二维码')
    setCode(parsed.judgeCode)
    await join(parsed.judgeCode)
  }

  const parsed = parseScore(draft, 100)
  const submit = async () => {
    if (!contestId || !round || busy || typeof parsed !== 'number') return
    setBusy(true)
    setError(null)
    try {
      await contestApi.score(contestId, round.orgId, parsed)
      Taro.showToast({ title: pad?.myScore == null ? '已提交' : '已修改', icon: 'success' })
      setDraft('')
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'ROUND_CLOSED' ? '本轮打分已关闭，分数不能再提交或修改。' : describeError(e))
    } finally {
      setBusy(false)
      refresh()
    }
  }

  if (!token) {
    return (
      <View className="xf-page xf-judge">
        <EmptyState text="请先登录" hint="评委登录后，用评委码加入比赛并打分。" />
        <View className="xf-section">
          <View className="xf-btn" hoverClass="xf-pressed" onClick={openLogin}>
            登录
          </View>
        </View>
      </View>
    )
  }

  if (lost) {
    return (
      <View className="xf-page xf-judge">
        <View className="xf-section">
          <View className="xf-contest__notice" data-testid="judge-state">
            您已被主持人移出评委席，不能再打分。如有疑问请联系主持人。
          </View>
        </View>
      </View>
    )
  }

  // Not a judge of this contest (yet): the code.
  if (!pad) {
    if (contestId && !failed) return <LoadingState text="正在连接比赛…" />
    return (
      <View className="xf-page xf-judge">
        <View className="xf-section">
          <View className="xf-panel" data-testid="judge-join">
            <Text className="xf-lead">填写主持人公布的 6 位评委码，或用手机扫主持人出示的二维码，加入评委席。</Text>
            <Alert>{error ?? (failed && !isForbidden(failed) ? describeError(failed) : null)}</Alert>
            <Field label="评委码">
              <Input className="xf-input xf-judge__code" name="judgeCode" value={code} maxlength={Limits.contest.judgeCode} placeholder="6 位评委码" onInput={(e) => setCode(e.detail.value.toUpperCase())} />
            </Field>
            <Button type="primary" size="large" block loading={busy} onClick={() => void join()}>
              加入评委席
            </Button>
            {canScan ? (
              <View className="xf-judge__scan">
                <Button type="primary" size="large" block fill="outline" onClick={scan}>
                  扫描评委二维码
                </Button>
              </View>
            ) : null}
          </View>
        </View>
      </View>
    )
  }

  const mine = pad.myScore
  return (
    <View className="xf-page xf-judge" data-testid="judge-pad">
      <View className="xf-staff__org xf-judge__head">
        <Text className="xf-judge__title">{pad.title}</Text>
        <Text className="xf-judge__progress">
          已完成 {pad.rounds.filter((r) => r.status === 'closed').length} / {pad.rounds.length} 轮
        </Text>
      </View>
      <View className="xf-section">
        <View className="xf-panel">
          {pad.status === 'ended' ? (
            <View className="xf-contest__notice xf-contest__notice--grey" data-testid="judge-state">
              比赛已结束，感谢您担任评委。成绩以大屏公布为准。
            </View>
          ) : !round ? (
            <View className="xf-contest__notice xf-contest__notice--grey" data-testid="judge-state">
              请等待主持人开启下一位的打分。
            </View>
          ) : !pad.canScore ? (
            <>
              <Text className="xf-contest__presenter">{round.name}</Text>
              <View className="xf-contest__notice" data-testid="judge-state">
                您是该组织的成员，本轮请回避，不打分。
              </View>
            </>
          ) : (
            <>
              <Text className="xf-contest__sub">正在为其打分</Text>
              <Text className="xf-contest__presenter" data-testid="judge-presenter">
                {round.name}
              </Text>
              {mine != null ? (
                <Text className="xf-contest__mine" data-testid="judge-mine">
                  您已打 {formatScore(mine)} 分，本轮关闭前可以修改
                </Text>
              ) : (
                <View className="xf-judge__gap" />
              )}
              <Alert>{error}</Alert>
              <ScorePad value={draft} onChange={setDraft} />
              <View className="xf-judge__submit">
                <Button type="primary" size="large" block loading={busy} disabled={typeof parsed !== 'number'} onClick={submit}>
                  {mine == null ? '提交分数' : '修改分数'}
                </Button>
              </View>
            </>
          )}
        </View>
      </View>
      {pad.rounds.some((r) => r.myScore != null) ? (
        <View className="xf-section">
          <View className="xf-section__title">我的打分</View>
          <View className="xf-panel">
            {pad.rounds
              .filter((r) => r.myScore != null)
              .map((r) => (
                <View key={r.orgId} className="xf-contest__rank">
                  <Text className="xf-contest__rank-place">{r.order}</Text>
                  <Text className="xf-contest__rank-name">{r.name}</Text>
                  <Text className="xf-contest__rank-score">{formatScore(r.myScore)}</Text>
                </View>
              ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}
