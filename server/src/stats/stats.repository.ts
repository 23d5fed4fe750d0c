import { Injectable } from '@nestjs/common';
import type { Db } from '../database/db.js';

/** One organisation's counter sums for a period: metric → (n, total). */
export type MetricSums = Map<string, { n: number; total: number }>;

export interface PeriodBounds {
  from: string | null;
  to: string | null;
}

/** The counters of org_day_stat (kept by triggers, see the Stats migration) and the ranking settings. */
@Injectable()
export class StatsRepository {
  /**
   * Subtree-inclusive sums per organisation for the period: every metric counts what happened from
   * `from` to `to`, except `members`, a running total up to `to` (the members at the period's end).
   */
  async sumsForOrgs(db: Db, orgIds: string[], p: PeriodBounds): Promise<Map<string, MetricSums>> {
    const rows: Array<{ org_id: string; metric: string; n: number; total: number }> = await db.query(
      `SELECT org_id, metric, sum(n)::bigint AS n, sum(total)::bigint AS total
         FROM org_day_stat
        WHERE org_id = ANY($1::uuid[])
          AND day <= COALESCE($3::date, 'infinity'::date)
          AND (metric = 'members' OR day >= COALESCE($2::date, '-infinity'::date))
        GROUP BY org_id, metric`,
      [orgIds, p.from, p.to],
    );
    const out = new Map<string, MetricSums>(orgIds.map((id) => [id, new Map()]));
    for (const r of rows) out.get(r.org_id)?.set(r.metric, { n: r.n, total: r.total });
    return out;
  }

  /** Per calendar month of the period, the organisation's subtree-inclusive sums (members excluded). */
  async monthlySums(db: Db, orgId: string, p: { from: string; to: string }): Promise<Array<{ month: string; metric: string; n: number }>> {
    return db.query(
      `SELECT to_char(day, 'YYYY-MM') AS month, metric, sum(n)::bigint AS n
         FROM org_day_stat
        WHERE org_id = $1 AND metric <> 'members' AND day BETWEEN $2::date AND $3::date
        GROUP BY 1, 2 ORDER BY 1`,
      [orgId, p.from, p.to],
    );
  }

  /** The weights that govern an organisation: its own row, else the nearest ancestor's. */
  async findGoverningWeights(db: Db, orgPath: string): Promise<{ org_id: string; weights: Record<string, number> } | null> {
    const [row] = await db.query(
      `SELECT s.org_id, s.weights FROM ranking_settings s JOIN org o ON o.id = s.org_id
        WHERE $1 LIKE o.path || '%' ORDER BY o.depth DESC LIMIT 1`,
      [orgPath],
    );
    return row ?? null;
  }

  async upsertWeights(db: Db, orgId: string, weights: Record<string, number>, by: string): Promise<void> {
    await db.query(
      `INSERT INTO ranking_settings (org_id, weights, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET weights = EXCLUDED.weights, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [orgId, JSON.stringify(weights), by],
    );
  }

  /** Counters that disagree with a recount from the rows (org, metric, day): empty when none drifted. */
  async findDrift(db: Db): Promise<Array<{ org_id: string; metric: string; day: string; counted: number; recounted: number }>> {
    return db.query(
      `WITH c AS (SELECT org_id, metric, day, sum(n)::bigint AS n, sum(total)::bigint AS total FROM org_day_stat GROUP BY 1, 2, 3)
       SELECT COALESCE(c.org_id, r.org_id) AS org_id, COALESCE(c.metric, r.metric) AS metric, COALESCE(c.day, r.day) AS day,
              COALESCE(c.n, 0) AS counted, COALESCE(r.n, 0) AS recounted
         FROM c FULL JOIN stat_recount r ON r.org_id = c.org_id AND r.metric = c.metric AND r.day = c.day
        WHERE COALESCE(c.n, 0) <> COALESCE(r.n, 0) OR COALESCE(c.total, 0) <> COALESCE(r.total, 0)`,
    );
  }
}
