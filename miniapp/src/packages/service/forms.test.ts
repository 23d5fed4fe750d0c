import { checkActivity, checkConfirm, checkDeed, checkReport, parseSkills, type ActivityForm } from './forms'

const NOW = new Date('2026-12-03T02:00:00Z') // 10:00 in Beijing

const form = (over: Partial<ActivityForm> = {}): ActivityForm => ({
  title: '文明劝导',
  description: '路口劝导行人不闯红灯',
  place: '幸福里东门',
  day: '2026-12-05',
  start: '09:00',
  end: '11:00',
  capacity: '10',
  weeks: '',
  radiusM: '',
  centre: null,
  ...over,
})

describe('checkActivity', () => {
  test('a complete form becomes the request, in Beijing time', () => {
    const r = checkActivity(form(), NOW)
    expect(r).toEqual({
      ok: true,
      body: { title: '文明劝导', description: '路口劝导行人不闯红灯', place: '幸福里东门', startsAt: '2026-12-05T09:00:00+08:00', endsAt: '2026-12-05T11:00:00+08:00', capacity: 10 },
    })
  })

  test('a weekly post and a radius around the organiser go along', () => {
    const r = checkActivity(form({ weeks: '12', radiusM: '200', centre: { lat: 39.9, lng: 116.4 } }), NOW)
    expect(r.ok && r.body.repeatWeekly).toBe(12)
    expect(r.ok && r.body.location).toEqual({ lat: 39.9, lng: 116.4, radiusM: 200 })
  })

  test('each bad field is named', () => {
    const r = checkActivity(form({ title: ' ', capacity: '0', weeks: '53', radiusM: '200', day: '2026-12-02' }), NOW)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['capacity', 'day', 'radiusM', 'title', 'weeks'])
  })

  test('an activity starting earlier today is refused; one running past midnight is fine', () => {
    const past = checkActivity(form({ day: '2026-12-03', start: '08:00', end: '09:00' }), NOW)
    expect(!past.ok && past.errors.start).toBe('开始时间已经过了')
    const night = checkActivity(form({ start: '22:00', end: '02:00' }), NOW)
    expect(night.ok && night.body.endsAt).toBe('2026-12-06T02:00:00+08:00')
  })

  test('capacity must be a whole number', () => {
    const r = checkActivity(form({ capacity: '2.5' }), NOW)
    expect(!r.ok && r.errors.capacity).toBeTruthy()
  })
})

describe('checkConfirm: a correction needs a reason', () => {
  test('the computed minutes go unchanged without a reason', () => {
    expect(checkConfirm(95, '', '')).toEqual({ ok: true, body: {} })
    expect(checkConfirm(95, '95', '')).toEqual({ ok: true, body: {} })
  })
  test('other minutes without a reason are refused, with one they are sent', () => {
    expect(checkConfirm(95, '120', ' ')).toEqual({ ok: false, error: '修改时长需要写明原因' })
    expect(checkConfirm(95, '120', '提前到场布置')).toEqual({ ok: true, body: { minutes: 120, reason: '提前到场布置' } })
  })
  test('a member who forgot to check out needs minutes and a reason', () => {
    expect(checkConfirm(null, '', '')).toMatchObject({ ok: false })
    expect(checkConfirm(null, '60', '')).toEqual({ ok: false, error: '修改时长需要写明原因' })
    expect(checkConfirm(null, '60', '忘记签退，现场核实')).toEqual({ ok: true, body: { minutes: 60, reason: '忘记签退，现场核实' } })
  })
  test('nonsense minutes are refused', () => {
    expect(checkConfirm(95, '-3', 'x')).toMatchObject({ ok: false })
    expect(checkConfirm(95, 'abc', 'x')).toMatchObject({ ok: false })
  })
})

describe('reports and deeds', () => {
  test('skills split on Chinese and Latin separators, without repeats', () => {
    expect(parseSkills('医疗，法律、 维修 医疗')).toEqual(['医疗', '法律', '维修'])
  })
  test('a report needs the community and the residential area', () => {
    const r = checkReport({ communityOrgId: null, residentialArea: ' ', skills: [] })
    expect(!r.ok && Object.keys(r.errors).sort()).toEqual(['communityOrgId', 'residentialArea'])
    expect(checkReport({ communityOrgId: 'c1', residentialArea: ' 幸福里 3 号楼 ', skills: [] })).toEqual({ ok: true, body: { communityOrgId: 'c1', residentialArea: '幸福里 3 号楼' } })
  })
  test('a deed cannot be dated in the future; the beneficiary is optional', () => {
    const bad = checkDeed({ title: '送药', description: '为独居老人取药', doneOn: '2026-12-04', beneficiary: '', photos: [] }, NOW)
    expect(!bad.ok && bad.errors.doneOn).toBe('日期不能晚于今天')
    const ok = checkDeed({ title: '送药', description: '为独居老人取药', doneOn: '2026-12-03', beneficiary: '', photos: ['/u/1.jpg'] }, NOW)
    expect(ok).toEqual({ ok: true, body: { title: '送药', description: '为独居老人取药', doneOn: '2026-12-03', photos: ['/u/1.jpg'] } })
  })
})
