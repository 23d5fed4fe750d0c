import { Inject, Injectable } from '@nestjs/common';
import type { Role, User } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { ActorLoader } from '../common/auth/actor-loader.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MemberDirectory } from '../members/member-directory.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService implements ActorLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: UsersRepository,
    private readonly members: MemberDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates the user on first login (keyed by openid) and records the login; returns the user id.
   * Openids listed in BOOTSTRAP_ADMIN_OPENIDS become admins: how a fresh installation gets its first
   * administrator.
   */
  upsertOnLogin(openid: string, unionid: string | null): Promise<string> {
    return this.repo.upsertOnLogin(this.dataSource.manager, { openid, unionid, isAdmin: this.config.bootstrapAdminOpenids.includes(openid) });
  }

  /** The User shape: roles with organisation scope, and the bound member record. */
  async describe(userId: string): Promise<User> {
    const db = this.dataSource.manager;
    const user = await this.repo.findById(db, userId);
    if (!user) throw notFound('用户');
    const roles: Role[] = [];
    if (user.isAdmin) roles.push({ role: 'admin' });
    for (const g of await this.repo.findStaffGrants(db, userId)) roles.push({ role: 'staff', orgId: g.org_id, orgName: g.name });
    return { id: user.id, nickname: user.nickname, avatarUrl: user.avatarUrl, roles, member: await this.members.ofUser(userId) };
  }

  async exists(userId: string): Promise<boolean> {
    return (await this.repo.findById(this.dataSource.manager, userId)) !== null;
  }

  /** The auth guard's port (common/auth/actor-loader.ts): the caller, loaded fresh for every request. */
  async load(userId: string): Promise<Actor | null> {
    const r = await this.repo.findActor(this.dataSource.manager, userId);
    if (!r) return null;
    return { userId: r.id, openid: r.openid, isAdmin: r.is_admin, staffOrgIds: r.staff, memberId: r.member_id, memberOrgId: r.member_org_id };
  }
}
