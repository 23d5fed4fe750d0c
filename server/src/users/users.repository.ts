import { Injectable } from '@nestjs/common';
import type { Db } from '../database/db.js';

export interface UserRow {
  id: string;
  openid: string;
  nickname: string | null;
  avatarUrl: string | null;
  isAdmin: boolean;
}

/** What the auth guard needs of a caller: the user, the member record bound to it, its staff grants. */
export interface ActorRow {
  id: string;
  openid: string;
  is_admin: boolean;
  member_id: string | null;
  member_org_id: string | null;
  staff: string[];
}

/** App users (`app_user`): the only SQL that writes them. */
@Injectable()
export class UsersRepository {
  /** Creates the user on first login (keyed by openid) or records the login; admin is only ever added. */
  async upsertOnLogin(db: Db, u: { openid: string; unionid: string | null; isAdmin: boolean }): Promise<string> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO app_user (openid, unionid, is_admin, last_login_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (openid) DO UPDATE
         SET last_login_at = now(),
             unionid = COALESCE(EXCLUDED.unionid, app_user.unionid),
             is_admin = app_user.is_admin OR EXCLUDED.is_admin
       RETURNING id`,
      [u.openid, u.unionid, u.isAdmin],
    );
    return rows[0].id;
  }

  async findById(db: Db, id: string): Promise<UserRow | null> {
    const rows: UserRow[] = await db.query(
      `SELECT id, openid, nickname, avatar_url AS "avatarUrl", is_admin AS "isAdmin" FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The user's staff grants with the organisations' names, highest in the tree first. */
  async findStaffGrants(db: Db, userId: string): Promise<Array<{ org_id: string; name: string }>> {
    return db.query(`SELECT g.org_id, o.name FROM staff_grant g JOIN org o ON o.id = g.org_id WHERE g.user_id = $1 ORDER BY o.depth, o.name`, [userId]);
  }

  async findActor(db: Db, userId: string): Promise<ActorRow | null> {
    const rows: ActorRow[] = await db.query(
      `SELECT u.id, u.openid, u.is_admin, m.id AS member_id, m.org_id AS member_org_id,
              COALESCE((SELECT array_agg(g.org_id::text) FROM staff_grant g WHERE g.user_id = u.id), '{}') AS staff
         FROM app_user u LEFT JOIN member m ON m.user_id = u.id
        WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }
}
