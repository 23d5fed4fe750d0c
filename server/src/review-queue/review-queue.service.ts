import { Inject, Injectable } from '@nestjs/common';
import { ReviewItemKinds, type ReviewCounts, type ReviewItem, type ReviewItemKind, type ReviewQueue } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { REVIEW_SOURCES, type ReviewCursor, type ReviewRow, type ReviewSource } from './review-source.js';

/**
 * One queue over everything waiting for staff in an organisation's subtree. Each feature reads its
 * own tables (a ReviewSource); the queue merges their pages by (waitingSince, kind, id) — each
 * source gives at most `limit` rows after the cursor, so the merge's first `limit` are the page.
 * Approving or returning goes through each feature's own routes: the queue only lists.
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    @Inject(REVIEW_SOURCES) private readonly sources: ReviewSource[],
  ) {}

  async counts(actor: Actor, orgId: string): Promise<ReviewCounts> {
    const orgIds = await this.orgs.subtreeIds(await this.orgs.assertStaffOf(actor, orgId));
    return this.countIn(orgId, orgIds);
  }

  async page(actor: Actor, orgId: string, limit: number, cursor?: string): Promise<ReviewQueue> {
    const after = this.decode(cursor);
    const orgIds = await this.orgs.subtreeIds(await this.orgs.assertStaffOf(actor, orgId));
    const db = this.dataSource.manager;
    const [counts, ...pages] = await Promise.all([this.countIn(orgId, orgIds), ...this.sources.map((s) => s.waitingPage(db, orgIds, after, limit + 1))]);
    const merged = pages.flat().sort(byQueueOrder);
    const items = merged.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toItem),
      nextCursor: merged.length > limit ? encodeCursor([last.waitingSince, last.kind, last.id]) : null,
      counts,
    };
  }

  private async countIn(orgId: string, orgIds: string[]): Promise<ReviewCounts> {
    const db = this.dataSource.manager;
    const byKind = Object.fromEntries(ReviewItemKinds.map((k) => [k, 0])) as Record<ReviewItemKind, number>;
    const counted = await Promise.all(this.sources.map(async (s) => [s.kind, await s.countWaiting(db, orgIds)] as const));
    for (const [kind, n] of counted) byKind[kind] += n;
    return { orgId, total: counted.reduce((sum, [, n]) => sum + n, 0), byKind };
  }

  private decode(cursor: string | undefined): ReviewCursor | null {
    const key = decodeCursor<[string, string, string]>(cursor, ['timestamp', 'text', 'uuid']);
    return key ? { at: key[0], kind: key[1], id: key[2] } : null;
  }
}

const byQueueOrder = (a: ReviewRow, b: ReviewRow): number =>
  a.waitingSince.localeCompare(b.waitingSince) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);

const toItem = (r: ReviewRow): ReviewItem => ({
  kind: r.kind,
  id: r.id,
  reason: r.reason,
  title: r.title,
  excerpt: r.excerpt,
  orgId: r.orgId,
  orgName: r.orgName,
  waitingSince: r.waitingSince,
  actions: r.actions,
  ...(r.imageUrl ? { imageUrl: r.imageUrl } : {}),
});
