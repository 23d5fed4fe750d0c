import { Injectable } from '@nestjs/common';
import { ErrorCode, type AcceptStaffInviteResponse, type StaffInvite } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, conflict } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { generateCode, hashCode } from '../common/one-time-code.js';
import { OrgDirectory } from './org-directory.js';
import { OrgsRepository } from './orgs.repository.js';

/** 8 symbols ≈ 39.6 bits: typeable, and with the per-user rate limit and the expiry, not guessable. */
const INVITE_CODE_LENGTH = 8;
const INVITE_TTL_MS = 72 * 3600_000;

/** `ABCD-EFGH`: easier to read out and type; the dash does not matter when accepting. */
const display = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/**
 * Staff grants by invitation: staff hand a one-time code (or its QR) to the future staff member,
 * who accepts it from their own account — so nobody needs to know anybody's user id.
 */
@Injectable()
export class StaffInvitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly repo: OrgsRepository,
  ) {}

  /** Admin, or staff of the organisation or an ancestor. The code is shown once; only its hash is kept. */
  async create(actor: Actor, orgId: string): Promise<StaffInvite> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const code = generateCode(INVITE_CODE_LENGTH);
    const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
    await this.repo.insertInvite(this.dataSource.manager, { orgId: org.id, codeHash: hashCode(code), expiresAt, createdBy: actor.userId });
    return { orgId: org.id, orgName: org.name, code: display(code), expiresAt: expiresAt.toISOString() };
  }

  /** The caller becomes staff of the invitation's organisation; a used or expired code → 409. */
  async accept(actor: Actor, code: string): Promise<AcceptStaffInviteResponse> {
    const hash = hashCode(code);
    const orgId = await this.dataSource.transaction(async (db) => {
      const spent = await this.repo.spendInvite(db, hash, actor.userId);
      if (spent) await this.repo.grantStaff(db, actor.userId, spent, actor.userId);
      return spent;
    });
    if (!orgId) {
      const state = await this.repo.findInviteState(this.dataSource.manager, hash);
      if (state === 'used') throw conflict(ErrorCode.INVITE_USED, '该邀请码已被使用');
      if (state === 'expired') throw conflict(ErrorCode.INVITE_EXPIRED, '该邀请码已过期，请向工作人员重新索取');
      throw new AppError(404, ErrorCode.INVITE_INVALID, '邀请码无效，请核对后重新输入');
    }
    const org = await this.orgs.get(orgId);
    return { orgId, orgName: org.name, staff: true };
  }
}
