import { Injectable } from '@nestjs/common';
import type { ContestStatus, RoundStatus } from '@xianfeng/shared';
import { returning } from '../common/sql.js';
import type { Db } from '../database/db.js';

export interface ContestRow {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  status: ContestStatus;
  judge_code: string | null;
  created_at: Date;
  ended_at: Date | null;
}

export interface RoundRow {
  org_id: string;
  name: string;
  path: string;
  position: number;
  status: RoundStatus;
  /** Ascending; numeric comes back as text. */
  scores: string[];
}

export interface JudgeRow {
  user_id: string;
  name: string | null;
  joined_at: Date;
}

export interface LiveHead {
  id: string;
  title: string;
  status: ContestStatus;
  judges: number;
  /** Milliseconds since the epoch of the latest change the big screen shows. */
  version: string;
}

/** 擂台比武: contests, their rounds (one per presenting organisation), judges and scores. */
@Injectable()
export class ContestsRepository {
  /** A new running contest with its rounds in order; a judge code already in use fails on its unique index (23505). */
  async insert(db: Db, c: { orgId: string; title: string; judgeCode: string; presenterOrgIds: string[]; createdBy: string }): Promise<string> {
    const [row] = await db.query(`INSERT INTO contest (org_id, title, judge_code, created_by) VALUES ($1, $2, $3, $4) RETURNING id`, [c.orgId, c.title, c.judgeCode, c.createdBy]);
    await db.query(
      `INSERT INTO contest_round (contest_id, org_id, position) SELECT $1, o, n FROM unnest($2::uuid[]) WITH ORDINALITY AS t(o, n)`,
      [row.id, c.presenterOrgIds],
    );
    return row.id;
  }

  async findById(db: Db, id: string): Promise<ContestRow | null> {
    const [row] = await db.query(
      `SELECT c.id, c.org_id, o.name AS org_name, o.path AS org_path, c.title, c.status, c.judge_code, c.created_at, c.ended_at
         FROM contest c JOIN org o ON o.id = c.org_id WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The running contest a judge code names. */
  async findRunningIdByCode(db: Db, code: string): Promise<string | null> {
    const [row] = await db.query(`SELECT id FROM contest WHERE judge_code = $1`, [code]);
    return row?.id ?? null;
  }

  /** The rounds in presenting order, each with its scores (ascending). */
  async findRounds(db: Db, contestId: string): Promise<RoundRow[]> {
    return db.query(
      `SELECT r.org_id, o.name, o.path, r.position, r.status,
              COALESCE((SELECT array_agg(s.score ORDER BY s.score) FROM contest_score s WHERE s.contest_id = r.contest_id AND s.org_id = r.org_id), '{}') AS scores
         FROM contest_round r JOIN org o ON o.id = r.org_id
        WHERE r.contest_id = $1 ORDER BY r.position`,
      [contestId],
    );
  }

  /** The judges still on the panel, by when they joined. */
  async findJudges(db: Db, contestId: string): Promise<JudgeRow[]> {
    return db.query(
      `SELECT j.user_id, COALESCE(m.name, u.nickname) AS name, j.joined_at
         FROM contest_judge j JOIN app_user u ON u.id = j.user_id LEFT JOIN member m ON m.user_id = u.id
        WHERE j.contest_id = $1 AND j.removed_at IS NULL ORDER BY j.joined_at, j.user_id`,
      [contestId],
    );
  }

  /** The caller's own score per round. */
  async findScoresOf(db: Db, contestId: string, userId: string): Promise<Map<string, number>> {
    const rows: Array<{ org_id: string; score: string }> = await db.query(`SELECT org_id, score FROM contest_score WHERE contest_id = $1 AND judge_user_id = $2`, [contestId, userId]);
    return new Map(rows.map((r) => [r.org_id, Number(r.score)]));
  }

  /** Joins the panel of a running contest (again: nothing changes). 'removed' when the host removed this judge. */
  async join(db: Db, contestId: string, userId: string): Promise<'joined' | 'removed' | 'ended'> {
    await db.query(
      `INSERT INTO contest_judge (contest_id, user_id) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM contest WHERE id = $1 AND status = 'running')
       ON CONFLICT DO NOTHING`,
      [contestId, userId],
    );
    const [row] = await db.query(`SELECT removed_at FROM contest_judge WHERE contest_id = $1 AND user_id = $2`, [contestId, userId]);
    if (!row) return 'ended';
    return row.removed_at ? 'removed' : 'joined';
  }

  /** Whether the user is on the panel (not removed). */
  async isJudge(db: Db, contestId: string, userId: string): Promise<boolean> {
    const [row] = await db.query(`SELECT 1 FROM contest_judge WHERE contest_id = $1 AND user_id = $2 AND removed_at IS NULL`, [contestId, userId]);
    return !!row;
  }

  /** Takes the judge off the panel; their scores of the open round go with them (closed rounds keep theirs). */
  async removeJudge(db: Db, contestId: string, userId: string): Promise<boolean> {
    const rows = await returning(db, `UPDATE contest_judge SET removed_at = now() WHERE contest_id = $1 AND user_id = $2 AND removed_at IS NULL RETURNING user_id`, [contestId, userId]);
    if (rows.length === 0) return false;
    await db.query(
      `DELETE FROM contest_score s USING contest_round r
        WHERE s.contest_id = $1 AND s.judge_user_id = $2 AND r.contest_id = s.contest_id AND r.org_id = s.org_id AND r.status <> 'closed'`,
      [contestId, userId],
    );
    return true;
  }

  async roundStatus(db: Db, contestId: string, orgId: string): Promise<RoundStatus | null> {
    const [row] = await db.query(`SELECT status FROM contest_round WHERE contest_id = $1 AND org_id = $2`, [contestId, orgId]);
    return row?.status ?? null;
  }

  /**
   * One round step (open, close) while the contest runs; false when the round was not in `from`.
   * Opening a second round fails on the one-open-round index (23505).
   */
  async moveRoundIfIn(db: Db, contestId: string, orgId: string, from: readonly RoundStatus[], to: RoundStatus): Promise<boolean> {
    const stamp = to === 'open' ? 'opened_at' : 'closed_at';
    const rows = await returning(
      db,
      `UPDATE contest_round SET status = $4, ${stamp} = now()
        WHERE contest_id = $1 AND org_id = $2 AND status = ANY($3::text[])
          AND EXISTS (SELECT 1 FROM contest WHERE id = $1 AND status = 'running')
       RETURNING org_id`,
      [contestId, orgId, from, to],
    );
    return rows.length > 0;
  }

  /** running → ended: the open round closes, the judge code becomes void. False when it had already ended. */
  async end(db: Db, contestId: string): Promise<boolean> {
    const rows = await returning(db, `UPDATE contest SET status = 'ended', judge_code = NULL, ended_at = now() WHERE id = $1 AND status = 'running' RETURNING id`, [contestId]);
    if (rows.length === 0) return false;
    await db.query(`UPDATE contest_round SET status = 'closed', closed_at = now() WHERE contest_id = $1 AND status = 'open'`, [contestId]);
    return true;
  }

  /**
   * The judge's score of an open round, inserted or changed — in one statement that share-locks the
   * round and the judge's panel seat, so a close or a removal waits for it and a score never lands on
   * a closed round or from a removed judge. Null when the round is not open or the judge not seated.
   */
  async upsertScoreIfOpen(db: Db, s: { contestId: string; orgId: string; userId: string; score: number }): Promise<{ score: string; updated_at: Date } | null> {
    const [row] = await db.query(
      `WITH r AS (SELECT 1 FROM contest_round WHERE contest_id = $1 AND org_id = $2 AND status = 'open' FOR SHARE),
            j AS (SELECT 1 FROM contest_judge WHERE contest_id = $1 AND user_id = $3 AND removed_at IS NULL FOR SHARE)
       INSERT INTO contest_score (contest_id, org_id, judge_user_id, score)
       SELECT $1, $2, $3, $4 FROM r, j
       ON CONFLICT (contest_id, org_id, judge_user_id) DO UPDATE SET score = EXCLUDED.score, updated_at = clock_timestamp()
       RETURNING score, updated_at`,
      [s.contestId, s.orgId, s.userId, s.score],
    );
    return row ?? null;
  }

  /** What the big screen's head shows: the judges seated and a version that grows with every change. */
  async findLiveHead(db: Db, contestId: string): Promise<LiveHead | null> {
    const [row] = await db.query(
      `SELECT c.id, c.title, c.status,
              (SELECT count(*)::int FROM contest_judge j WHERE j.contest_id = c.id AND j.removed_at IS NULL) AS judges,
              floor(extract(epoch FROM GREATEST(
                c.created_at, c.ended_at,
                (SELECT max(GREATEST(r.opened_at, r.closed_at)) FROM contest_round r WHERE r.contest_id = c.id),
                (SELECT max(s.updated_at) FROM contest_score s WHERE s.contest_id = c.id),
                (SELECT max(GREATEST(j.joined_at, j.removed_at)) FROM contest_judge j WHERE j.contest_id = c.id)
              )) * 1000)::bigint::text AS version
         FROM contest c WHERE c.id = $1`,
      [contestId],
    );
    return row ?? null;
  }
}
