import { judgeLink, parseJudgeInvite } from './link'

describe('the judge invitation in a QR', () => {
  const id = '6f1c2d3e-aaaa-4bbb-8ccc-123456789abc'

  test('the QR holds an H5 link that names the contest and the code, and reads back', () => {
    const url = judgeLink(id, 'K7P2QX', 'https://xf.example.org/')
    expect(url).toBe(`https://xf.example.org/#/packages/contest/judge/index?id=${id}&code=K7P2QX`)
    expect(parseJudgeInvite(url)).toEqual({ contestId: id, judgeCode: 'K7P2QX' })
  })

  test('a mini-program path or a bare query works too; a code alone is enough', () => {
    expect(parseJudgeInvite(`packages/contest/judge/index?id=${id}`)).toEqual({ contestId: id, judgeCode: null })
    expect(parseJudgeInvite(`code=abc123&id=${id}`)).toEqual({ contestId: id, judgeCode: 'ABC123' })
    expect(parseJudgeInvite('code=K7P2QX')).toEqual({ contestId: null, judgeCode: 'K7P2QX' })
  })

  test('text that names no contest, or a mangled one, is refused', () => {
    expect(parseJudgeInvite('https://example.org/')).toBeNull()
    expect(parseJudgeInvite('id=../../etc')).toBeNull()
    expect(parseJudgeInvite('code=<script>')).toBeNull()
    expect(parseJudgeInvite('hello')).toBeNull()
  })
})
