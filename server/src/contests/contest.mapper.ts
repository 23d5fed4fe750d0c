import type { Contest, ContestLive, ContestRound, JudgePad } from '@xianfeng/shared';
import { rankScores, roundScore } from './contest-scoring.js';
import type { ContestRow, JudgeRow, LiveHead, RoundRow } from './contests.repository.js';

const scoresOf = (r: RoundRow) => r.scores.map(Number);

export function toRound(r: RoundRow): ContestRound {
  return { orgId: r.org_id, name: r.name, order: r.position, status: r.status, scored: r.scores.length, score: roundScore(scoresOf(r)) };
}

export function toContest(c: ContestRow, rounds: RoundRow[], judges: JudgeRow[]): Contest {
  return {
    id: c.id,
    orgId: c.org_id,
    orgName: c.org_name,
    title: c.title,
    status: c.status,
    judgeCode: c.judge_code,
    current: rounds.find((r) => r.status === 'open')?.org_id ?? null,
    rounds: rounds.map(toRound),
    judges: judges.map((j) => ({ userId: j.user_id, name: j.name, joinedAt: j.joined_at.toISOString() })),
    createdAt: c.created_at.toISOString(),
    endedAt: c.ended_at?.toISOString() ?? null,
  };
}

/** The big screen: closed rounds always ranked, the open one with its score so far. */
export function toLive(head: LiveHead, rounds: RoundRow[]): ContestLive {
  const open = rounds.find((r) => r.status === 'open') ?? null;
  const ranked = rounds
    .filter((r) => r.status === 'closed' || (r.status === 'open' && r.scores.length > 0))
    .map((r) => ({ orgId: r.org_id, name: r.name, score: roundScore(scoresOf(r)) ?? 0, scored: r.scores.length, status: r.status }));
  return {
    contestId: head.id,
    title: head.title,
    status: head.status,
    current: open?.org_id ?? null,
    currentName: open?.name ?? null,
    judges: head.judges,
    scored: open?.scores.length ?? 0,
    ranking: rankScores(ranked),
    rounds: rounds.map((r) => ({ orgId: r.org_id, name: r.name, order: r.position, status: r.status })),
    version: Number(head.version),
  };
}

export function toPad(c: ContestRow, rounds: RoundRow[], mine: Map<string, number>, canScore: (r: RoundRow) => boolean): JudgePad {
  const open = rounds.find((r) => r.status === 'open') ?? null;
  return {
    contestId: c.id,
    title: c.title,
    status: c.status,
    current: open ? { orgId: open.org_id, name: open.name } : null,
    myScore: open ? (mine.get(open.org_id) ?? null) : null,
    canScore: open ? canScore(open) : false,
    rounds: rounds.map((r) => ({ orgId: r.org_id, name: r.name, order: r.position, status: r.status, myScore: mine.get(r.org_id) ?? null })),
  };
}
