import { formatScore, parseScore, stepScore } from './score'

describe('a score as typed', () => {
  test('0 up to the maximum, with at most one decimal, goes through as a number', () => {
    expect(parseScore('0', 100)).toBe(0)
    expect(parseScore(' 92.5 ', 100)).toBe(92.5)
    expect(parseScore('100', 100)).toBe(100)
    expect(parseScore('15', 15)).toBe(15)
  })

  test('anything else says what is wrong', () => {
    expect(parseScore('', 100)).toBe('请填写 0–100 的分数')
    expect(parseScore('101', 100)).toBe('不能超过 100 分')
    expect(parseScore('16', 15)).toBe('不能超过 15 分')
    expect(parseScore('-1', 100)).toBe('只能填 0–100 的数，最多一位小数')
    expect(parseScore('9.25', 100)).toBe('只能填 0–100 的数，最多一位小数')
    expect(parseScore('九十', 100)).toBe('只能填 0–100 的数，最多一位小数')
  })

  test('− and + stay within 0 and the maximum and land on whole numbers', () => {
    expect(stepScore('92.5', 1, 100)).toBe('93')
    expect(stepScore('92.5', -1, 100)).toBe('92')
    expect(stepScore('100', 1, 100)).toBe('100')
    expect(stepScore('0', -1, 100)).toBe('0')
    expect(stepScore('', 1, 100)).toBe('1')
    expect(stepScore('', -1, 100)).toBe('99')
  })

  test('scores are shown with one decimal at most', () => {
    expect(formatScore(90)).toBe('90')
    expect(formatScore(88.333)).toBe('88.3')
    expect(formatScore(null)).toBe('—')
  })
})
