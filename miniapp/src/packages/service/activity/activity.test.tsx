import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Activity, ActivityParticipant, User } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import ActivityPage from './index'

const HOUR = 3600_000
const base = (over: Partial<Activity> = {}): Activity => ({
  id: 'a-1',
  orgId: 'org-1',
  orgName: '幸福里社区党委',
  title: '楼道清理',
  description: '清理楼道杂物',
  place: '3 号楼',
  startsAt: new Date(Date.now() + HOUR).toISOString(),
  endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
  capacity: 5,
  signedUp: 2,
  location: null,
  seriesId: null,
  mySignup: null,
  ...over,
})

const member: User = {
  id: 'u-2',
  roles: [],
  member: { id: 'm-1', orgId: 'org-2', orgName: '一支部', userId: 'u-2', name: '王小明', gender: 'male', birthday: '1990-01-01', joinedPartyOn: '2015-07-01', status: 'full', postKind: null, showPhone: false },
}
const staff: User = { id: 'u-3', roles: [{ role: 'staff', orgId: 'org-1', orgName: '幸福里社区党委' }], member: null }

let current: Activity
function serve() {
  taroStub.serve((req) => {
    if (req.method === 'GET' && req.url === '/api/v1/activities/a-1') return { statusCode: 200, data: current }
    throw new Error(`unexpected ${req.method} ${req.url}`)
  })
}

async function typeInto(container: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = container.querySelector(selector)
    if (!found) throw new Error(`${selector} not rendered yet`)
    return found
  })
  fireEvent.input(el, { target: { value } })
}

const posts = () => taroStub.requests.filter((r) => r.method === 'POST')

beforeEach(() => {
  taroStub.reset()
  taroStub.setRouterParams({ id: 'a-1' })
})

describe('the activity page', () => {
  it('a member signs up, then types the organiser\'s code to check in (spaces dropped)', async () => {
    saveSession('tok', member)
    current = base()
    serve()
    const { container } = render(<ActivityPage />)
    await screen.findByText('还剩 3 个名额。报名后活动前一天会提醒您。')
    const signedUp = base({ signedUp: 3, mySignup: { signedUpAt: new Date().toISOString(), checkinAt: null, checkoutAt: null, minutes: null, confirmed: false } })
    taroStub.respond(() => {
      current = signedUp
      return { statusCode: 201, data: signedUp }
    })
    await act(async () => {
      fireEvent.click(screen.getByText('我要报名'))
    })
    await screen.findByText('取消报名')
    expect(posts()[0].url).toBe('/api/v1/activities/a-1/signups')
    expect(screen.getByTestId('activity-places').textContent).toContain('已报名 3/5')

    await typeInto(container, '[data-testid=check-in] input', ' 7K2M-9QXD P3RT-0B5W ')
    taroStub.respond({ statusCode: 409, data: { statusCode: 409, code: 'CODE_EXPIRED', message: 'expired' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认签到'))
    })
    await waitFor(() => expect(posts()).toHaveLength(2))
    await screen.findByText('签到码已过期，请扫描工作人员手机上的最新签到码')
    expect(posts()[1]).toMatchObject({ url: '/api/v1/activities/a-1/checkin', data: { code: '7K2M-9QXDP3RT-0B5W' } })
  })

  it('a full activity offers no sign-up button', async () => {
    saveSession('tok', member)
    current = base({ signedUp: 5 })
    serve()
    render(<ActivityPage />)
    await screen.findByText('名额已满。')
    expect(screen.queryByText('我要报名')).toBeNull()
  })

  it('staff see the code screen link and cannot confirm changed minutes without a reason', async () => {
    saveSession('tok', staff)
    const p: ActivityParticipant = {
      memberId: 'm-1',
      name: '王小明',
      orgName: '一支部',
      signedUpAt: new Date().toISOString(),
      checkinAt: new Date().toISOString(),
      checkoutAt: null,
      computedMinutes: null,
      minutes: null,
      confirmed: false,
      corrections: [],
    }
    current = base({ participants: [p] })
    serve()
    const { container } = render(<ActivityPage />)
    await screen.findByText('报名党员（1）')
    fireEvent.click(screen.getByTestId('open-code'))
    expect(taroStub.navigations[0].url).toBe('/packages/service/code/index?id=a-1')

    await typeInto(container, 'input[name=minutes]', '90')
    await act(async () => {
      fireEvent.click(screen.getByText('修改并确认'))
    })
    await screen.findByText('修改时长需要写明原因')
    expect(posts()).toHaveLength(0)

    await typeInto(container, 'input[name=reason]', '忘记签退，现场核实')
    taroStub.respond({ statusCode: 200, data: { memberId: 'm-1', minutes: 90, confirmed: true, corrected: true } })
    await act(async () => {
      fireEvent.click(screen.getByText('修改并确认'))
    })
    await waitFor(() => expect(posts()).toHaveLength(1))
    expect(posts()[0]).toMatchObject({ url: '/api/v1/activities/a-1/attendance/m-1/confirm', data: { minutes: 90, reason: '忘记签退，现场核实' } })
  })
})
