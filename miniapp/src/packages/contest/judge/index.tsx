import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { contestApi } from '../../../api/assessment'
import { ApiError, describeError } from '../../../api/errors'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { openLogin } from '../../../utils/nav'
import { formatScore, parseScore } from '../../../utils/score'
import { parseJudgeInvite } from '../link'
import { currentName } from '../ranking'
import { ScorePad } from '../ScorePad'
import { useLive } from '../useLive'
import { canScan, scanInvite } from '../../../platform/scan'
import '../contest.css'
import './index.css'

/** What this phone remembers of a contest: that it joined, and the score it last sent for each round. */
interface JudgeMemory {
  joined: boolean
  scores: Record<string, number>
}
const memoryKey = (id: string) => `xf.judge.${id}`
function recall(id: string): JudgeMemory {
  const m = Taro.getStorageSync(memoryKey(id)) as JudgeMemory | ''
  return m && typeof m === 'object' ? m : { joined: false, scores: {} }
}
function remember(id: string, m: JudgeMemory): void {
  Taro.setStorageSync(memoryKey(id), m)
}

/** Why this judge cannot score now, from what the server answered. */
type Blocked = null | 'removed' | 'own-org' | 'closed' | 'ended'

function blockedBy(e: unknown): Blocked {
  if (!(e instanceof ApiError)) return null
  if (e.code === 'ROUND_CLOSED') return 'closed'
  if (e.code === ('CONTEST_ENDED' as string)) return 'ended'
  if (e.code === ('JUDGE_OWN_ORG' as string)) return 'own-org'
  if (e.code === ('NOT_A_JUDGE' as string)) return 'removed'
  return null
}

/** 评委打分: join with the code (or the scanned QR), then score each presenter while the host keeps the round open. */
export default function JudgePage() {
  const router = useRouter()
  const { token } = useSession()
  const [invite, setInvite] = useState(() => parseJudgeInvite(Object.entries(router.params).map(([k, v]) => `${k}=${v ?? ''}`).join('&')))
  const contestId = invite?.contestId ?? null
  const [memory, setMemory] = useState<JudgeMemory>(() => (contestId ? recall(contestId) : { joined: false, scores: {} }))
  const [code, setCode] = useState(invite?.judgeCode ?? '')
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [blocked, setBlocked] = useState<{ round: string | null; why: Blocked }>({ round: null, why: null })
  const { live, error: liveError, refresh } = useLive(memory.joined ? contestId : null)

  const scan = async () => {
    setError(null)
    const found = await scanInvite().catch(() => null)
    if (!found) return setError('没有识别到比赛二维码，请对准主持人出示的二维码')
    const parsed = parseJudgeInvite(found)
    if (!parsed) return setError('这不是擂台比武的评委二维码')
    setInvite(parsed)
    setMemory(recall(parsed.contestId))
    setCode(parsed.judgeCode ?? '')
  }

  const join = async () => {
    if (!contestId || busy) return
    const c = code.trim()
    if (!c) return setError('请填写评委码')
    setBusy(true)
    setError(null)
    try {
      await contestApi.join(contestId, c)
      const m = { ...recall(contestId), joined: true }
      remember(contestId, m)
      setMemory(m)
      Taro.showToast({ title: '已加入评委席', icon: 'success' })
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const round = live?.current ?? null
  const mine = round ? memory.scores[round] : undefined
  const parsed = parseScore(draft, 100)

  const submit = async () => {
    if (!contestId || !round || busy || typeof parsed !== 'number') return
    setBusy(true)
    setError(null)
    try {
      await contestApi.score(contestId, round, parsed)
      const m = { ...memory, scores: { ...memory.scores, [round]: parsed } }
      remember(contestId, m)
      setMemory(m)
      setDraft('')
      Taro.showToast({ title: mine === undefined ? '已提交' : '已修改', icon: 'success' })
      refresh()
    } catch (e) {
      const why = blockedBy(e)
      if (why) setBlocked({ round, why })
      else setError(describeError(e))
      refresh()
    } finally {
      setBusy(false)
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

  // Not (yet) a judge of this contest: the code, and the contest from the QR or link.
  if (!contestId || !memory.joined) {
    return (
      <View className="xf-page xf-judge">
        <View className="xf-section">
          <View className="xf-panel">
            <Text className="xf-lead">{contestId ? '填写主持人公布的评委码，加入评委席。' : '请扫描主持人出示的评委二维码（大屏或主持人手机上）。'}</Text>
            <Alert>{error}</Alert>
            {contestId ? (
              <Field label="评委码">
                <Input className="xf-input xf-judge__code" name="judgeCode" value={code} maxlength={16} placeholder="例如 K7P2QX" onInput={(e) => setCode(e.detail.value.toUpperCase())} />
              </Field>
            ) : null}
            {contestId ? (
              <Button type="primary" size="large" block loading={busy} onClick={join}>
                加入评委席
              </Button>
            ) : null}
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

  if (!live) return liveError ? <ErrorState error={liveError} onRetry={refresh} /> : <LoadingState text="正在连接比赛…" />

  const why = live.ended ? 'ended' : blocked.round === round ? blocked.why : null
  const name = currentName(live)
  return (
    <View className="xf-page xf-judge" data-testid="judge-pad">
      <View className="xf-section">
        <View className="xf-panel">
          {why === 'ended' ? (
            <View className="xf-contest__notice xf-contest__notice--grey" data-testid="judge-state">比赛已结束，感谢您担任评委。成绩以大屏公布为准。</View>
          ) : why === 'removed' ? (
            <View className="xf-contest__notice" data-testid="judge-state">您已被主持人移出评委席，不能再打分。如有疑问请联系主持人。</View>
          ) : !round ? (
            <View className="xf-contest__notice xf-contest__notice--grey" data-testid="judge-state">本轮已结束，请等待主持人开启下一位的打分。</View>
          ) : why === 'own-org' ? (
            <>
              <Text className="xf-contest__presenter">{name ?? '当前上台组织'}</Text>
              <View className="xf-contest__notice" data-testid="judge-state">您是该组织的成员，本轮请回避，不打分。</View>
            </>
          ) : why === 'closed' ? (
            <View className="xf-contest__notice xf-contest__notice--grey" data-testid="judge-state">本轮打分已关闭，分数不能再提交或修改。</View>
          ) : (
            <>
              <Text className="xf-contest__sub">正在为其打分</Text>
              <Text className="xf-contest__presenter" data-testid="judge-presenter">{name ?? '当前上台组织'}</Text>
              <Text className="xf-contest__sub">
                已打分 {live.scored} / {live.judges} 位评委
              </Text>
              {mine !== undefined ? (
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
                  {mine === undefined ? '提交分数' : '修改分数'}
                </Button>
              </View>
            </>
          )}
        </View>
      </View>
    </View>
  )
}
