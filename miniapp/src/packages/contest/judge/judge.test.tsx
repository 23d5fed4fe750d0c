import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { JudgePad } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import JudgePage from './index'

const pad = (over: Partial<JudgePad> = {}): JudgePad => ({
  contestId: 'c-1',
  title: '2026 年度支部书记擂台比武',
  status: 'running',
  current: { orgId: 'o-2', name: '阳光社区党支部' },
  myScore: null,
  canScore: true,
  rounds: [
    { orgId: 'o-1', name: '幸福里社区党委', order: 1, status: 'closed', myScore: 88 },
    { orgId: 'o-2', name: '阳光社区党支部', order: 2, status: 'open', myScore: null },
  ],
  ...over,
})

const err = (statusCode: number, code: string, message: string) => ({ statusCode, data: { statusCode, code, message } })

async function typeScore(value: string) {
  const input = await waitFor(() => {
    const el = document.querySelector<HTMLInputElement>('input[name=score]')
    if (!el) throw new Error('no score input yet')
    return el
  })
  fireEvent.input(input, { target: { value } })
}

const submitButton = () => screen.getByText(/提交分数|修改分数/).closest('taro-button-core') ?? screen.getByText(/提交分数|修改分数/)

// Polling at its real pace (1–1.5 s) on a busy machine: generous waits.
jest.setTimeout(30_000)

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', { id: 'u-1', roles: [], member: null })
})

describe('the judge’s pad', () => {
  it('joins with the code from the QR link, scores the presenter, then may change the score while the round is open', async () => {
    taroStub.setRouterParams({ code: 'k7p2qx' })
    const sent: unknown[] = []
    let mine: number | null = null
    taroStub.serve((req) => {
      const url = new URL(req.url, 'http://h5.test')
      if (url.pathname === '/api/v1/contest-judges') {
        expect(req.data).toEqual({ judgeCode: 'K7P2QX' })
        return { statusCode: 200, data: pad() }
      }
      if (url.pathname === '/api/v1/contests/c-1/judging') return { statusCode: 200, data: pad({ myScore: mine }) }
      if (url.pathname === '/api/v1/contests/c-1/rounds/o-2/score' && req.method === 'PUT') {
        sent.push(req.data)
        mine = (req.data as { score: number }).score
        return { statusCode: 200, data: { contestId: 'c-1', orgId: 'o-2', score: mine, updatedAt: '2026-12-03T10:00:00Z' } }
      }
      throw new Error(`unexpected ${req.method} ${req.url}`)
    })
    render(<JudgePage />)
    fireEvent.click(await screen.findByText('加入评委席'))
    expect((await screen.findByTestId('judge-presenter')).textContent).toBe('阳光社区党支部')

    // Over 100 is refused on the phone: the button stays off and nothing is sent.
    await typeScore('101')
    expect(await screen.findByTestId('score-error')).toBeTruthy()
    await typeScore('92.5')
    fireEvent.click(submitButton())
    await waitFor(() => expect(sent).toEqual([{ score: 92.5 }]))
    expect((await screen.findByTestId('judge-mine')).textContent).toContain('92.5')
    expect(screen.getByText('修改分数')).toBeTruthy()
    expect(taroStub.storage.get('xf.judge.contest')).toBe('c-1')
  })

  it('a round closed before the score arrived says so', async () => {
    taroStub.storage.set('xf.judge.contest', 'c-1')
    taroStub.serve((req) => {
      if (req.method === 'PUT') return err(409, 'ROUND_CLOSED', 'round closed')
      return { statusCode: 200, data: pad() }
    })
    render(<JudgePage />)
    await screen.findByTestId('judge-presenter')
    await typeScore('80')
    fireEvent.click(submitButton())
    expect(await screen.findByText('本轮打分已关闭，分数不能再提交或修改。')).toBeTruthy()
  })

  it('a judge from the presenting organisation is asked to abstain, with no pad', async () => {
    taroStub.storage.set('xf.judge.contest', 'c-1')
    taroStub.serve(() => ({ statusCode: 200, data: pad({ canScore: false }) }))
    render(<JudgePage />)
    expect((await screen.findByTestId('judge-state')).textContent).toContain('本轮请回避')
    expect(document.querySelector('[data-testid=score-pad]')).toBeNull()
  })

  it('a judge the host removed is told so; between rounds and after the end the pad says what to expect', async () => {
    taroStub.storage.set('xf.judge.contest', 'c-1')
    let answer: { statusCode: number; data: unknown } = { statusCode: 200, data: pad({ current: null }) }
    taroStub.serve(() => answer)
    render(<JudgePage />)
    expect((await screen.findByTestId('judge-state')).textContent).toContain('请等待主持人开启下一位')
    answer = { statusCode: 200, data: pad({ status: 'ended', current: null }) }
    await waitFor(() => expect(screen.getByTestId('judge-state').textContent).toContain('比赛已结束'), { timeout: 8000 })
    answer = err(403, 'FORBIDDEN', 'not a judge')
    await waitFor(() => expect(screen.getByTestId('judge-state').textContent).toContain('已被主持人移出评委席'), { timeout: 8000 })
  })

  it('a wrong code shows the server’s message and keeps the form', async () => {
    taroStub.serve(() => err(400, 'JUDGE_CODE_INVALID', '评委码不正确'))
    render(<JudgePage />)
    const input = await waitFor(() => {
      const el = document.querySelector<HTMLInputElement>('input[name=judgeCode]')
      if (!el) throw new Error('no code input yet')
      return el
    })
    fireEvent.input(input, { target: { value: 'abcdef' } })
    fireEvent.click(screen.getByText('加入评委席'))
    expect(await screen.findByText('评委码不正确')).toBeTruthy()
    expect(screen.getByTestId('judge-join')).toBeTruthy()
  })
})
