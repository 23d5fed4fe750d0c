import { render, screen, waitFor } from '@testing-library/react'
import type { ContestLive } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import ContestScreenPage from './index'

const live = (over: Partial<ContestLive> = {}): ContestLive => ({
  contestId: 'c-1',
  title: '2026 年度支部书记擂台比武',
  status: 'running',
  current: 'o-2',
  currentName: '阳光社区党支部',
  judges: 5,
  scored: 3,
  ranking: [
    { orgId: 'o-1', name: '幸福里社区党委', score: 85, rank: 1, scored: 5, status: 'closed' },
    { orgId: 'o-2', name: '阳光社区党支部', score: 78.33, rank: 2, scored: 3, status: 'open' },
  ],
  rounds: [
    { orgId: 'o-1', name: '幸福里社区党委', order: 1, status: 'closed' },
    { orgId: 'o-2', name: '阳光社区党支部', order: 2, status: 'open' },
    { orgId: 'o-3', name: '街道机关党支部', order: 3, status: 'pending' },
  ],
  version: 1,
  ...over,
})

const rows = () => Array.from(document.querySelectorAll('[data-testid=screen-row]')).map((r) => `${r.getAttribute('data-org')} ${r.querySelector('[data-testid=screen-score]')?.textContent}`)

// Polling at its real pace (1–1.5 s) on a busy machine: generous waits.
jest.setTimeout(30_000)

beforeEach(() => {
  taroStub.reset()
  taroStub.setRouterParams({ id: 'c-1' })
})

describe('the big screen (no EventSource here: it polls, as on weapp)', () => {
  it('shows who is on stage, how many judges scored and the ranking, then follows each change', async () => {
    let now = live()
    taroStub.serve((req) => {
      expect(req.url).toContain('/api/v1/contests/c-1/live')
      // Public: no token, so an expired one cannot send the hall screen to the login page.
      expect(req.header?.Authorization).toBeUndefined()
      return { statusCode: 200, data: now }
    })
    render(<ContestScreenPage />)
    await screen.findByText('2026 年度支部书记擂台比武')
    expect(screen.getByTestId('screen-presenter').textContent).toBe('阳光社区党支部')
    expect(screen.getByTestId('screen-scored').textContent?.replace(/\s+/g, '')).toBe('已打分3/5位评委')
    expect(rows()).toEqual(['o-1 85', 'o-2 78.3'])

    now = live({ scored: 5, version: 2, ranking: [{ ...now.ranking[1], score: 90, rank: 1, scored: 5 }, { ...now.ranking[0], rank: 2 }] })
    await waitFor(() => expect(rows()).toEqual(['o-2 90', 'o-1 85']), { timeout: 8000 })
  })

  it('keeps the last ranking on screen while the server is unreachable, and says so', async () => {
    let down = false
    taroStub.serve(() => (down ? { statusCode: 503, data: { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'down' } } : { statusCode: 200, data: live() }))
    render(<ContestScreenPage />)
    await waitFor(() => expect(rows()).toEqual(['o-1 85', 'o-2 78.3']))
    down = true
    await waitFor(() => expect(screen.getByTestId('screen-connection').textContent).toContain('网络中断'), { timeout: 8000 })
    expect(rows()).toEqual(['o-1 85', 'o-2 78.3'])
    down = false
    await waitFor(() => expect(screen.getByTestId('screen-connection').textContent).not.toContain('网络中断'), { timeout: 8000 })
  })

  it('between rounds it names who is next; at the end it says the results are final', async () => {
    let now = live({ current: null, currentName: null })
    taroStub.serve(() => ({ statusCode: 200, data: now }))
    render(<ContestScreenPage />)
    expect((await screen.findByTestId('screen-next')).textContent).toBe('街道机关党支部')
    now = live({ status: 'ended', current: null, currentName: null, version: 3 })
    await waitFor(() => expect(screen.getByTestId('screen-stage').textContent).toContain('比赛结束'), { timeout: 8000 })
    expect(screen.getByText('最终排名')).toBeTruthy()
  })

  it('a contest that does not exist says so instead of an empty screen', async () => {
    taroStub.serve(() => ({ statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '比赛不存在' } }))
    render(<ContestScreenPage />)
    expect(await screen.findByText('比赛不存在')).toBeTruthy()
  })
})
