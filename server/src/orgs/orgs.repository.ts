import { Injectable } from '@nestjs/common';
import type { OrgType } from '@xianfeng/shared';
import { returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import { likePrefix } from './subtree.js';

/**
 * An organisation. `path` is the materialised path of ids from the root (`/a/b/c/`): the subtree of
 * `c` is every row whose path starts with c's path, and the ancestors of `c` are the ids in its path.
 */
export interface OrgRef {
  id: string;
  name: string;
  type: OrgType;
  parentId: string | null;
  path: string;
  depth: number;
}

/** A search hit: the organisation, its parent's name and how well the name matched (0 best). */
export interface OrgSearchRow extends OrgRef {
  parentName: string | null;
  rank: number;
}

const ORG_COLUMNS = `id, name, type, parent_id AS "parentId", path, depth`;

/** The org tree, its staff grants and invitations: the only SQL that writes `org`, `staff_grant` and `staff_invite`. */
@Injectable()
export class OrgsRepository {
  async findById(db: Db, id: string): Promise<OrgRef | null> {
    const rows: OrgRef[] = await db.query(`SELECT ${ORG_COLUMNS} FROM org WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findPaths(db: Db, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ path: string }> = await db.query(`SELECT path FROM org WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.path);
  }

  /**
   * Ids of an organisation and everything under it, by its materialised path (one range scan on
   * org_path_prefix_idx). Queries over a small subtree bind these as `org_id = ANY($ids)` rather than
   * joining on the path prefix: the planner then uses member_org_idx, where the join made it scan every
   * member — 2.4 ms against 20.9 ms for a 100-organisation subtree among 200,000 members
   * (bench/plans.bench.ts). Over a large one the path is cheaper: see inSubtree() in subtree.ts.
   */
  async findSubtreeIds(db: Db, path: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(`SELECT id FROM org WHERE path LIKE $1`, [likePrefix(path)]);
    return rows.map((r) => r.id);
  }

  async insert(db: Db, org: OrgRef): Promise<OrgRef> {
    const rows: OrgRef[] = await db.query(
      `INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ORG_COLUMNS}`,
      [org.id, org.name, org.type, org.parentId, org.path, org.depth],
    );
    return rows[0];
  }

  /** Direct children of `parentId` (top-level organisations for null), by name, keyset-paginated. */
  async findChildrenPage(db: Db, parentId: string | null, after: [string, string] | null, limit: number): Promise<OrgRef[]> {
    const params: unknown[] = [limit + 1];
    const where = [parentId ? `parent_id = $${params.push(parentId)}` : 'parent_id IS NULL'];
    if (after) where.push(`(name, id) > ($${params.push(after[0])}, $${params.push(after[1])}::uuid)`);
    return db.query(`SELECT ${ORG_COLUMNS} FROM org WHERE ${where.join(' AND ')} ORDER BY name, id LIMIT $1`, params);
  }

  /**
   * Organisations whose name holds every term (case-insensitive), ranked exact name, then starts with
   * the first term, then the rest; by name within a rank; keyset-paginated on (rank, name, id). A
   * scan of `org` — thousands of rows, not millions, so no trigram index (and no extension) for it.
   */
  async searchByName(db: Db, terms: string[], after: [number, string, string] | null, limit: number): Promise<OrgSearchRow[]> {
    const params: unknown[] = [limit + 1, terms.join(' ').toLowerCase(), terms[0].toLowerCase(), terms.map((t) => t.toLowerCase())];
    const keyset = after ? `AND (h.rank, h.name, h.id) > ($${params.push(after[0])}::int, $${params.push(after[1])}, $${params.push(after[2])}::uuid)` : '';
    return db.query(
      `SELECT h.* FROM (
         SELECT o.id, o.name, o.type, o.parent_id AS "parentId", o.path, o.depth, p.name AS "parentName",
                CASE WHEN lower(o.name) = $2 THEN 0 WHEN starts_with(lower(o.name), $3) THEN 1 ELSE 2 END AS rank
           FROM org o LEFT JOIN org p ON p.id = o.parent_id
          WHERE NOT EXISTS (SELECT 1 FROM unnest($4::text[]) t WHERE strpos(lower(o.name), t) = 0)
       ) h
       WHERE true ${keyset}
       ORDER BY h.rank, h.name, h.id LIMIT $1`,
      params,
    );
  }

  /** Every direct child of an organisation, by name. */
  async findAllChildren(db: Db, parentId: string): Promise<OrgRef[]> {
    return db.query(`SELECT ${ORG_COLUMNS} FROM org WHERE parent_id = $1 ORDER BY name, id`, [parentId]);
  }

  async countChildren(db: Db, id: string): Promise<number> {
    const [row]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM org WHERE parent_id = $1`, [id]);
    return row.n;
  }

  /** Users with a staff grant on the organisation or on any of its ancestors. */
  async findStaffUserIds(db: Db, lineage: string[]): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await db.query(`SELECT DISTINCT user_id FROM staff_grant WHERE org_id = ANY($1::uuid[])`, [lineage]);
    return rows.map((r) => r.user_id);
  }

  async grantStaff(db: Db, userId: string, orgId: string, grantedBy: string): Promise<void> {
    await db.query(`INSERT INTO staff_grant (user_id, org_id, granted_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [userId, orgId, grantedBy]);
  }

  async revokeStaff(db: Db, userId: string, orgId: string): Promise<void> {
    await db.query(`DELETE FROM staff_grant WHERE user_id = $1 AND org_id = $2`, [userId, orgId]);
  }

  async rename(db: Db, id: string, name: string): Promise<OrgRef | null> {
    const rows = await returning<OrgRef>(db, `UPDATE org SET name = $2 WHERE id = $1 RETURNING ${ORG_COLUMNS}`, [id, name]);
    return rows[0] ?? null;
  }

  async insertInvite(db: Db, i: { orgId: string; codeHash: string; expiresAt: Date; createdBy: string }): Promise<void> {
    await db.query(`INSERT INTO staff_invite (org_id, code_hash, expires_at, created_by) VALUES ($1, $2, $3, $4)`, [i.orgId, i.codeHash, i.expiresAt, i.createdBy]);
  }

  /** Spends an unused, unexpired invitation: of two users racing with one code exactly one gets the organisation id. */
  async spendInvite(db: Db, codeHash: string, userId: string): Promise<string | null> {
    const rows = await returning<{ org_id: string }>(
      db,
      `UPDATE staff_invite SET used_at = now(), used_by = $2
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING org_id`,
      [codeHash, userId],
    );
    return rows[0]?.org_id ?? null;
  }

  /** Why a code could not be spent: unknown (null), used or expired. */
  async findInviteState(db: Db, codeHash: string): Promise<'used' | 'expired' | 'open' | null> {
    const [row]: Array<{ state: 'used' | 'expired' | 'open' }> = await db.query(
      `SELECT CASE WHEN used_at IS NOT NULL THEN 'used' WHEN expires_at <= now() THEN 'expired' ELSE 'open' END AS state
         FROM staff_invite WHERE code_hash = $1`,
      [codeHash],
    );
    return row?.state ?? null;
  }
}
