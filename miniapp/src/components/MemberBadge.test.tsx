import { fireEvent, render, screen } from '@testing-library/react'
import type { MemberCard } from '@xianfeng/shared'
import { taroStub } from '../../test/taro-stub'
import { cardWithPhone, cardWithoutPhone } from '../../test/fixtures'
import { MemberBadge } from './MemberBadge'

beforeEach(() => taroStub.reset())

describe('MemberBadge (the public identity card)', () => {
  it('shows who the member is and what they do, large', () => {
    render(<MemberBadge card={cardWithPhone} />)
    expect(screen.getByText('王建国')).toBeTruthy()
    expect(screen.getByText('党员示范岗')).toBeTruthy()
    expect(screen.getByText('便民服务示范岗')).toBeTruthy()
    expect(screen.getByText('负责3号楼独居老人走访')).toBeTruthy()
    expect(screen.getByText('阳光社区党委')).toBeTruthy()
    expect(screen.getByText('1998年7月1日')).toBeTruthy()
    expect(screen.getByText('27 年')).toBeTruthy()
    // No photo: the initial stands in.
    expect(screen.getByText('王')).toBeTruthy()
  })

  it('shows and dials the phone only when the card carries one', () => {
    const { container, unmount } = render(<MemberBadge card={cardWithPhone} />)
    expect(container.textContent).toContain('138 0013 8000')
    fireEvent.click(screen.getByText('一键拨打 138 0013 8000'))
    expect(taroStub.calls).toEqual(['13800138000'])
    unmount()

    const other = render(<MemberBadge card={cardWithoutPhone} />)
    expect(other.container.textContent).not.toContain('联系电话')
    expect(other.container.textContent).not.toContain('拨打')
  })

  it('never shows private fields, even if a response carried them', () => {
    const leaky = { ...cardWithoutPhone, birthday: '1971-03-09', showPhone: false, userId: 'u-secret', status: 'probationary' } as MemberCard
    const { container } = render(<MemberBadge card={leaky} />)
    expect(container.textContent).not.toContain('1971')
    expect(container.textContent).not.toContain('预备党员') // not on the public card (contract)
    expect(container.textContent).not.toContain('u-secret')
    expect(container.textContent).not.toContain('生日')
  })

  it('says so when duties are not filled in', () => {
    render(<MemberBadge card={{ ...cardWithoutPhone, duties: null, postKind: null, postTitle: null }} />)
    expect(screen.getByText('暂未填写')).toBeTruthy()
  })
})
