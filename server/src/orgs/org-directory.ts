import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import type { Db } from '../database/db.js';
import { OrgsRepository, type OrgRef } from './orgs.repository.js';

export type { OrgRef } from './orgs.repository.js';

/** Ids from the root down to the organisation, itself included. */
export const lineageOf = (org: { path: string }): string[] => org.path.split('/').filter(Boolean);

/**
 * What every feature asks of the organisation tree: find-or-404, the subtree, and the one answer to
 * "is this caller staff of this organisation" (object-level authorization). Staff of an organisation
 * are admins and users with a grant on it or on any of its ancestors. No feature decides it another
 * way: lists filtered by staff scope bind the ids this directory returns.
 */
@Injectable()
export class OrgDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: OrgsRepository,
  ) {}

  find(id: string, db: Db = this.dataSource.manager): Promise<OrgRef | null> {
    return this.repo.findById(db, id);
  }

  /** The organisation, or 404 NOT_FOUND 组织不存在. */
  async get(id: string, db: Db = this.dataSource.manager): Promise<OrgRef> {
    const org = await this.repo.findById(db, id);
    if (!org) throw notFound('组织');
    return org;
  }

  /** Ids of the organisation and everything under it (an OrgRef, or its path). */
  subtreeIds(org: OrgRef | string, db: Db = this.dataSource.manager): Promise<string[]> {
    return this.repo.findSubtreeIds(db, typeof org === 'string' ? org : org.path);
  }

  /** Materialised paths of the given organisations (unknown ids are skipped). */
  /** Every direct child, by name (a ranking lists them all). */
  children(org: { id: string }, db: Db = this.dataSource.manager): Promise<OrgRef[]> {
    return this.repo.findAllChildren(db, org.id);
  }

  paths(ids: string[], db: Db = this.dataSource.manager): Promise<string[]> {
    return this.repo.findPaths(db, ids);
  }

  /** Users who are staff of the organisation through a grant (admins not included). */
  staffUserIds(org: { path: string }, db: Db = this.dataSource.manager): Promise<string[]> {
    return this.repo.findStaffUserIds(db, lineageOf(org));
  }

  /** Staff of an organisation = admin, or a staff grant on it or on any of its ancestors. Pure: no query. */
  isStaffOf(actor: Actor | null, org: { path: string }): boolean {
    if (!actor) return false;
    if (actor.isAdmin) return true;
    if (actor.staffOrgIds.length === 0) return false;
    const lineage = lineageOf(org);
    return actor.staffOrgIds.some((id) => lineage.includes(id));
  }

  /** Loads the organisation and checks the caller is staff of it: 404 if it does not exist, 403 if not staff. */
  async assertStaffOf(actor: Actor, orgId: string): Promise<OrgRef> {
    const org = await this.get(orgId);
    if (!this.isStaffOf(actor, org)) throw forbidden('您不是该组织的工作人员');
    return org;
  }
}
