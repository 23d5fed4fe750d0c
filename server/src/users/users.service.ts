import { Inject, Injectable } from '@nestjs/common';
import type { Role, User } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { notFound } from '../common/app-error.js';
import { MemberEntity } from '../members/member.entity.js';
import { toMember } from '../members/member.mapper.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates the user on first login (keyed by openid) and records the login. Openids listed in
   * BOOTSTRAP_ADMIN_OPENIDS become admins: how a fresh installation gets its first administrator.
   */
  async upsertOnLogin(openid: string, unionid: string | null): Promise<UserEntity> {
    const bootstrapAdmin = this.config.bootstrapAdminOpenids.includes(openid);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO app_user (openid, unionid, is_admin, last_login_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (openid) DO UPDATE
         SET last_login_at = now(),
             unionid = COALESCE(EXCLUDED.unionid, app_user.unionid),
             is_admin = app_user.is_admin OR EXCLUDED.is_admin
       RETURNING id`,
      [openid, unionid, bootstrapAdmin],
    );
    return this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: rows[0].id });
  }

  /** The User shape: roles with organisation scope, and the bound member record. */
  async describe(userId: string): Promise<User> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw notFound('用户');
    const grants: Array<{ org_id: string; name: string }> = await this.dataSource.query(
      `SELECT g.org_id, o.name FROM staff_grant g JOIN org o ON o.id = g.org_id WHERE g.user_id = $1 ORDER BY o.depth, o.name`,
      [userId],
    );
    const roles: Role[] = [];
    if (user.isAdmin) roles.push({ role: 'admin' });
    for (const g of grants) roles.push({ role: 'staff', orgId: g.org_id, orgName: g.name });
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ userId });
    let memberShape = null;
    if (member) {
      const [{ name }] = await this.dataSource.query(`SELECT name FROM org WHERE id = $1`, [member.orgId]);
      memberShape = toMember(member, name);
    }
    return { id: user.id, nickname: user.nickname, avatarUrl: user.avatarUrl, roles, member: memberShape };
  }
}
