import { Injectable } from '@nestjs/common';
import type { AssessmentIndicator, AssessmentStatus, IndicatorScore, StarThreshold } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import { returning } from '../common/sql.js';
import type { Db } from '../database/db.js';

export interface AssessmentRow {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  period_from: string;
  period_to: string;
  indicators: AssessmentIndicator[];
  stars: StarThreshold[];
  status: AssessmentStatus;
  created_at: Date;
  started_at: Date | null;
  published_at: Date | null;
}

export interface AssessmentListRow extends AssessmentRow {
  role: 'assessor' | 'assessed';
  cursor_at: string;
}

export interface ScoreRow {
  org_id: string;
  indicator_key: string;
  self_score: string | null;
  evidence: string | null;
  evidence_photos: string[];
  superior_score: string | null;
}

export interface ScoreChangeRow {
  indicator_key: string;
  from_score: string;
  to_score: string;
  reason: string;
  changed_by: string;
  changed_by_name: string | null;
  changed_at: Date;
}

export interface ResultRow {
  org_id: string;
  name: string;
  rank: number;
  total: string;
  stars: number;
  indicators: IndicatorScore[];
}

export interface SchemeFields {
  title?: string;
  from?: string;
  to?: string;
  indicators?: AssessmentIndicator[];
  stars?: StarThreshold[];
}

const ASSESSMENT_COLUMNS = `a.id, a.org_id, o.name AS org_name, o.path AS org_path, a.title, a.period_from, a.period_to, a.indicators, a.stars,
         a.status, a.created_at, a.started_at, a.published_at`;
const SELECT_ASSESSMENT = `SELECT ${ASSESSMENT_COLUMNS} FROM assessment a JOIN org o ON o.id = a.org_id`;

/** 评星定级: schemes, judged scores, the history of superior score changes, published results. */
@Injectable()
export class AssessmentsRepository {
  async insert(db: Db, a: Required<SchemeFields> & { orgId: string; createdBy: string }): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO assessment (org_id, title, period_from, period_to, indicators, stars, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [a.orgId, a.title, a.from, a.to, JSON.stringify(a.indicators), JSON.stringify(a.stars), a.createdBy],
    );
    return row.id;
  }

  async findById(db: Db, id: string): Promise<AssessmentRow | null> {
    const [row] = await db.query(`${SELECT_ASSESSMENT} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  /** The scheme's status, share-locked until the transaction ends: a publish waits for the scores being written. */
  async lockStatusForScoring(db: Db, id: string): Promise<AssessmentStatus | null> {
    const [row] = await db.query(`SELECT status FROM assessment WHERE id = $1 FOR SHARE`, [id]);
    return row?.status ?? null;
  }

  /** Applies the fields given, only while the scheme is a draft; false when it is not (any more). */
  async updateIfIn(db: Db, id: string, from: readonly AssessmentStatus[], f: SchemeFields): Promise<boolean> {
    const rows = await returning(
      db,
      `UPDATE assessment SET
          title = COALESCE($3, title),
          period_from = COALESCE($4::date, period_from),
          period_to = COALESCE($5::date, period_to),
          indicators = COALESCE($6::jsonb, indicators),
          stars = COALESCE($7::jsonb, stars),
          updated_at = now()
        WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
      [id, from, f.title ?? null, f.from ?? null, f.to ?? null, f.indicators ? JSON.stringify(f.indicators) : null, f.stars ? JSON.stringify(f.stars) : null],
    );
    return rows.length > 0;
  }

  /** One step of the lifecycle (start, publish), stamping its time; false when the status was not one of `from`. */
  async moveIfIn(db: Db, id: string, from: readonly AssessmentStatus[], to: AssessmentStatus): Promise<boolean> {
    const stamp = to === 'started' ? 'started_at' : 'published_at';
    const rows = await returning(db, `UPDATE assessment SET status = $3, ${stamp} = now(), updated_at = now() WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`, [id, from, to]);
    return rows.length > 0;
  }

  /** Schemes the organisation runs, and those its parent runs over it, newest first (keyset after `after`). */
  async findPageForOrg(db: Db, org: { id: string; parentId: string | null }, after: [string, string] | null, limit: number): Promise<AssessmentListRow[]> {
    return db.query(
      `SELECT CASE WHEN a.org_id = $1 THEN 'assessor' ELSE 'assessed' END AS role, ${ASSESSMENT_COLUMNS}, ${cursorTimestamp('a.created_at')} AS cursor_at
         FROM assessment a JOIN org o ON o.id = a.org_id
        WHERE (a.org_id = $1 OR (a.org_id = $2 AND a.status <> 'draft'))
          AND ($3::timestamptz IS NULL OR (a.created_at, a.id) < ($3::timestamptz, $4::uuid))
        ORDER BY a.created_at DESC, a.id DESC LIMIT $5`,
      [org.id, org.parentId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }

  /** The judged scores given so far, for some children or all of them. */
  async findScores(db: Db, assessmentId: string, orgIds: string[] | null): Promise<ScoreRow[]> {
    return db.query(
      `SELECT org_id, indicator_key, self_score, evidence, evidence_photos, superior_score
         FROM assessment_score WHERE assessment_id = $1 AND ($2::uuid[] IS NULL OR org_id = ANY($2::uuid[]))`,
      [assessmentId, orgIds],
    );
  }

  /**
   * The child's row for each key, created empty where missing, then locked for the transaction, so
   * two staff changing the same superior score take turns (the second sees the first's score).
   */
  async lockScores(db: Db, assessmentId: string, orgId: string, keys: string[]): Promise<Map<string, { self: number | null; superior: number | null }>> {
    await db.query(
      `INSERT INTO assessment_score (assessment_id, org_id, indicator_key) SELECT $1, $2, k FROM unnest($3::text[]) k
       ON CONFLICT DO NOTHING`,
      [assessmentId, orgId, keys],
    );
    const rows: Array<{ indicator_key: string; self_score: string | null; superior_score: string | null }> = await db.query(
      `SELECT indicator_key, self_score, superior_score FROM assessment_score
        WHERE assessment_id = $1 AND org_id = $2 AND indicator_key = ANY($3::text[]) ORDER BY indicator_key FOR UPDATE`,
      [assessmentId, orgId, keys],
    );
    const num = (v: string | null) => (v === null ? null : Number(v));
    return new Map(rows.map((r) => [r.indicator_key, { self: num(r.self_score), superior: num(r.superior_score) }]));
  }

  async setSelf(db: Db, s: { assessmentId: string; orgId: string; key: string; score: number | undefined; evidence: string | undefined; photos: string[] | undefined; by: string }): Promise<void> {
    await db.query(
      `UPDATE assessment_score SET
          self_score = COALESCE($4, self_score),
          evidence = COALESCE($5, evidence),
          evidence_photos = COALESCE($6::jsonb, evidence_photos),
          self_by = $7, self_at = now()
        WHERE assessment_id = $1 AND org_id = $2 AND indicator_key = $3`,
      [s.assessmentId, s.orgId, s.key, s.score ?? null, s.evidence ?? null, s.photos ? JSON.stringify(s.photos) : null, s.by],
    );
  }

  async setSuperior(db: Db, s: { assessmentId: string; orgId: string; key: string; score: number; by: string }): Promise<void> {
    await db.query(
      `UPDATE assessment_score SET superior_score = $4, superior_by = $5, superior_at = now()
        WHERE assessment_id = $1 AND org_id = $2 AND indicator_key = $3`,
      [s.assessmentId, s.orgId, s.key, s.score, s.by],
    );
  }

  /** Stamped with the time it is written (after the row lock), so the history is in the order changes were made. */
  async recordChange(db: Db, c: { assessmentId: string; orgId: string; key: string; from: number; to: number; reason: string; by: string }): Promise<void> {
    await db.query(
      `INSERT INTO assessment_score_change (assessment_id, org_id, indicator_key, from_score, to_score, reason, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
      [c.assessmentId, c.orgId, c.key, c.from, c.to, c.reason, c.by],
    );
  }

  /** Changes of superior scores already given, oldest first, with the name of who made them. */
  async findChanges(db: Db, assessmentId: string, orgId: string): Promise<ScoreChangeRow[]> {
    return db.query(
      `SELECT c.indicator_key, c.from_score, c.to_score, c.reason, c.changed_by, c.changed_at,
              COALESCE(m.name, u.nickname) AS changed_by_name
         FROM assessment_score_change c
         JOIN app_user u ON u.id = c.changed_by
         LEFT JOIN member m ON m.user_id = u.id
        WHERE c.assessment_id = $1 AND c.org_id = $2
        ORDER BY c.changed_at, c.id`,
      [assessmentId, orgId],
    );
  }

  /** Freezes the results at publish time (the automatic scores as they were then). */
  async insertResults(db: Db, assessmentId: string, rows: Array<{ orgId: string; rank: number; total: number; stars: number; indicators: IndicatorScore[] }>): Promise<void> {
    await db.query(
      `INSERT INTO assessment_result (assessment_id, org_id, rank, total, stars, indicators)
       SELECT $1, r.org_id, r.rank, r.total, r.stars, r.indicators
         FROM jsonb_to_recordset($2::jsonb) AS r(org_id uuid, rank int, total numeric, stars int, indicators jsonb)`,
      [assessmentId, JSON.stringify(rows.map((r) => ({ org_id: r.orgId, rank: r.rank, total: r.total, stars: r.stars, indicators: r.indicators })))],
    );
  }

  /** The published results, best first. */
  async findResults(db: Db, assessmentId: string): Promise<ResultRow[]> {
    return db.query(
      `SELECT r.org_id, o.name, r.rank, r.total, r.stars, r.indicators
         FROM assessment_result r JOIN org o ON o.id = r.org_id
        WHERE r.assessment_id = $1 ORDER BY r.rank, o.name, r.org_id`,
      [assessmentId],
    );
  }

  /** The organisation's latest published assessment, if any. */
  async findLatestPublished(db: Db, orgId: string): Promise<AssessmentRow | null> {
    const [row] = await db.query(`${SELECT_ASSESSMENT} WHERE a.org_id = $1 AND a.status = 'published' ORDER BY a.published_at DESC, a.id DESC LIMIT 1`, [orgId]);
    return row ?? null;
  }
}
