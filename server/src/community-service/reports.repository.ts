import { Injectable } from '@nestjs/common';
import type { ServiceReportStatus } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import { binder, returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import { REPORT_ACTIONS, type ReportAction } from './service-state.js';

export interface ReportRow {
  id: string;
  member_id: string;
  member_name: string;
  member_user_id: string | null;
  member_org_id: string;
  member_org_name: string;
  community_org_id: string;
  community_name: string;
  community_path: string;
  residential_area: string;
  skills: string[];
  status: ServiceReportStatus;
  decline_reason: string | null;
  created_at: Date;
  accepted_at: Date | null;
  ended_at: Date | null;
  created_key: string;
}

export interface ReportFilter {
  memberId?: string;
  communityOrgId?: string;
  /** The members' organisations (a subtree). */
  memberOrgIds?: string[];
  status?: ServiceReportStatus;
  after: [string, string] | null;
  limit: number;
}

const SELECT_REPORT = `
  SELECT r.id, r.member_id, m.name AS member_name, m.user_id AS member_user_id, m.org_id AS member_org_id, mo.name AS member_org_name,
         r.community_org_id, c.name AS community_name, c.path AS community_path, r.residential_area, r.skills, r.status,
         r.decline_reason, r.created_at, r.accepted_at, r.ended_at, ${cursorTimestamp('r.created_at')} AS created_key
    FROM service_report r
    JOIN member m ON m.id = r.member_id
    JOIN org mo ON mo.id = m.org_id
    JOIN org c ON c.id = r.community_org_id`;

/** Every statement about 报到 (service_report), named for what it does; the handle first. */
@Injectable()
export class ReportsRepository {
  /** Null when the member already has a pending or active report (the partial unique index said no). */
  async insertIfNoneOpen(db: Db, r: { memberId: string; communityOrgId: string; residentialArea: string; skills: string[] }): Promise<string | null> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO service_report (member_id, community_org_id, residential_area, skills) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id) WHERE status IN ('pending','active') DO NOTHING RETURNING id`,
      [r.memberId, r.communityOrgId, r.residentialArea, r.skills],
    );
    return rows[0]?.id ?? null;
  }

  async findById(db: Db, id: string): Promise<ReportRow | null> {
    const rows: ReportRow[] = await db.query(`${SELECT_REPORT} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Applies a move of the report's table; false when the report was no longer in a state it starts from. */
  async move(db: Db, id: string, action: ReportAction, by: string, reason: string | null = null): Promise<boolean> {
    const rule = REPORT_ACTIONS[action];
    const set = {
      accept: 'accepted_at = now(), decided_by = $3',
      decline: 'decline_reason = $5, decided_by = $3',
      end: 'ended_at = now(), ended_by = $3',
    }[action];
    const params: unknown[] = [id, rule.from, by, rule.to];
    if (action === 'decline') params.push(reason);
    const rows = await returning<{ id: string }>(db, `UPDATE service_report SET status = $4, ${set} WHERE id = $1 AND status = ANY($2) RETURNING id`, params);
    return rows.length === 1;
  }

  async findPage(db: Db, f: ReportFilter): Promise<ReportRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = binder(params);
    if (f.memberId) where.push(`r.member_id = ${p(f.memberId)}`);
    if (f.communityOrgId) where.push(`r.community_org_id = ${p(f.communityOrgId)}`);
    if (f.memberOrgIds) where.push(`m.org_id = ANY(${p(f.memberOrgIds)}::uuid[])`);
    if (f.status) where.push(`r.status = ${p(f.status)}`);
    if (f.after) where.push(`(r.created_at, r.id) < (${p(f.after[0])}::timestamptz, ${p(f.after[1])}::uuid)`);
    return db.query(
      `${SELECT_REPORT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.created_at DESC, r.id DESC LIMIT ${p(f.limit + 1)}`,
      params,
    );
  }

  /** The member's active report to a community whose subtree holds `orgPath` (an activity's organisation). */
  async hasActiveReportCovering(db: Db, memberId: string, orgPath: string): Promise<boolean> {
    const rows = await db.query(
      `SELECT 1 FROM service_report r JOIN org c ON c.id = r.community_org_id
        WHERE r.member_id = $1 AND r.status = 'active' AND $2 LIKE c.path || '%' LIMIT 1`,
      [memberId, orgPath],
    );
    return rows.length > 0;
  }

  /** Paths of the communities the member reported to (active or ended): their staff may see the member's service. */
  async findReportedCommunityPaths(db: Db, memberId: string, statuses: ServiceReportStatus[] = ['active', 'ended']): Promise<string[]> {
    const rows: Array<{ path: string }> = await db.query(
      `SELECT DISTINCT c.path FROM service_report r JOIN org c ON c.id = r.community_org_id WHERE r.member_id = $1 AND r.status = ANY($2)`,
      [memberId, statuses],
    );
    return rows.map((r) => r.path);
  }
}
