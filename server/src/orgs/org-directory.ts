import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import type { Db } from '../database/db.js';
import { PgListener } from '../database/pg-listener.js';
import { OrgsRepository, type OrgRef } from './orgs.repository.js';
import type { Subtree } from './subtree.js';

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
export class OrgDirectory implements OnModuleInit {
  /**
   * Organisations and subtrees as last read. Organisations change rarely (created, renamed) and the
   * public reads ask for them on every request, so they are kept here — but only while this instance
   * hears every change: a trigger on `org` notifies `xf_org_changed` on commit, on every instance,
   * and the cache forgets everything; while the LISTEN connection is down nothing is cached. Reads
   * inside a caller's transaction (an explicit `db`) always go to the database.
   */
  private readonly byId = new Map<string, OrgRef>();
  private readonly subtrees = new Map<string, string[]>();
  /** Bumped by every forget(): a read that started before a change does not store what it read. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: OrgsRepository,
    private readonly listener: PgListener,
  ) {}

  async onModuleInit(): Promise<void> {
    const forget = () => this.forget();
    await this.listener.listen('xf_org_changed', { message: forget, gap: forget });
  }

  /** Drops what is cached (an organisation was written here or on another instance). */
  forget(): void {
    this.generation++;
    this.byId.clear();
    this.subtrees.clear();
  }

  async find(id: string, db?: Db): Promise<OrgRef | null> {
    if (db || !this.listener.live) return this.repo.findById(db ?? this.dataSource.manager, id);
    const hit = this.byId.get(id);
    if (hit) return hit;
    const generation = this.generation;
    const org = await this.repo.findById(this.dataSource.manager, id);
    if (org && this.listener.live && generation === this.generation) remember(this.byId, id, Object.freeze(org), 20_000);
    return org;
  }

  /** The organisation, or 404 NOT_FOUND 组织不存在. */
  async get(id: string, db?: Db): Promise<OrgRef> {
    const org = await this.find(id, db);
    if (!org) throw notFound('组织');
    return org;
  }

  /** Ids of the organisation and everything under it (an OrgRef, or its path). */
  async subtreeIds(org: OrgRef | string, db?: Db): Promise<string[]> {
    const path = typeof org === 'string' ? org : org.path;
    if (db || !this.listener.live) return this.repo.findSubtreeIds(db ?? this.dataSource.manager, path);
    const hit = this.subtrees.get(path);
    if (hit) return hit;
    const generation = this.generation;
    // Frozen: a caller that tried to change the shared array would throw, not corrupt the cache.
    const ids = Object.freeze(await this.repo.findSubtreeIds(this.dataSource.manager, path)) as string[];
    if (this.listener.live && generation === this.generation) remember(this.subtrees, path, ids, 2_000);
    return ids;
  }

  /** The organisation's subtree for a query's `inSubtree()` condition: its path and its ids. */
  async subtree(org: OrgRef): Promise<Subtree> {
    return { path: org.path, ids: await this.subtreeIds(org) };
  }

  /** Every direct child, by name (a ranking lists them all). */
  children(org: { id: string }, db: Db = this.dataSource.manager): Promise<OrgRef[]> {
    return this.repo.findAllChildren(db, org.id);
  }

  /** Materialised paths of the given organisations (unknown ids are skipped). */
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

/** Bounded: a full map starts over rather than growing without end. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) map.clear();
  map.set(key, value);
}
