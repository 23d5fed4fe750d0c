import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { OrgEntity } from '../../orgs/org.entity.js';
import { AppError } from '../app-error.js';
import type { Actor } from './actor.js';

/** Object-level authorization: the one place that decides whether a caller is staff of an organisation. */
@Injectable()
export class AccessPolicy {
  constructor(private readonly dataSource: DataSource) {}

  /** Staff of an organisation = admin, or a staff grant on it or on any of its ancestors. */
  isStaffOf(actor: Actor | null, org: Pick<OrgEntity, 'path'>): boolean {
    if (!actor) return false;
    if (actor.isAdmin) return true;
    if (actor.staffOrgIds.length === 0) return false;
    const lineage = org.path.split('/').filter(Boolean);
    return actor.staffOrgIds.some((id) => lineage.includes(id));
  }

  /** Loads the organisation and checks the caller is staff of it: 404 if it does not exist, 403 if not staff. */
  async assertStaffOf(actor: Actor, orgId: string): Promise<OrgEntity> {
    const org = await this.dataSource.getRepository(OrgEntity).findOneBy({ id: orgId });
    if (!org) throw new AppError(404, ErrorCode.NOT_FOUND, '组织不存在');
    if (!this.isStaffOf(actor, org)) throw new AppError(403, ErrorCode.FORBIDDEN, '您不是该组织的工作人员');
    return org;
  }
}
