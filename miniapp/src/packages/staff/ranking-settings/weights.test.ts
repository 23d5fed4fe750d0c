import { draftsOf, parseWeights, stepWeight } from './weights'

describe('ranking weights as typed', () => {
  const all = (v: string) => ({ commitmentsFulfilled: v, wishesCompleted: v, greetingsSent: v, reviewAverage: v, serviceMinutes: v })

  test('0–100 with up to three decimals go through as numbers', () => {
    expect(parseWeights({ ...all('0'), commitmentsFulfilled: '100', reviewAverage: '12.5' })).toEqual({
      weights: { commitmentsFulfilled: 100, wishesCompleted: 0, greetingsSent: 0, reviewAverage: 12.5, serviceMinutes: 0 },
    })
  })

  test('each wrong field says what is wrong, and nothing is sent', () => {
    const r = parseWeights({ ...all('10'), commitmentsFulfilled: '', wishesCompleted: '101', greetingsSent: '-1', serviceMinutes: '1.2345' })
    expect(r).toEqual({
      errors: { commitmentsFulfilled: '请填写 0–100 的数', wishesCompleted: '不能超过 100', greetingsSent: '只能填 0–100 的数', serviceMinutes: '只能填 0–100 的数' },
    })
  })

  test('the − and + buttons stay within 0–100', () => {
    expect(stepWeight('3', -5)).toBe('0')
    expect(stepWeight('98', 5)).toBe('100')
    expect(stepWeight('abc', 5)).toBe('5')
    expect(stepWeight('20', 5)).toBe('25')
  })

  test('what the server answers is shown as it is', () => {
    expect(draftsOf({ commitmentsFulfilled: 1, wishesCompleted: 2.5, greetingsSent: 0, reviewAverage: 100, serviceMinutes: 3 })).toEqual({
      commitmentsFulfilled: '1', wishesCompleted: '2.5', greetingsSent: '0', reviewAverage: '100', serviceMinutes: '3',
    })
  })
})
