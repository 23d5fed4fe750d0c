import { Injectable } from '@nestjs/common';
import { ErrorCode, ReviewKindLabels, ReviewKinds, type Member, type MemberReviews, type ReviewKind } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { pgCode } from '../common/sql.js';
import { MemberDirectory } from '../members/member-directory.js';
import { OrgDirectory, type OrgRef } from '../orgs/org-directory.js';
import type { CreateMemberReviewDto } from './member-reviews.dto.js';
import { MemberReviewsRepository } from './member-reviews.repository.js';

/**
 * 民主评议: per period a member is reviewed by the organisation (staff of the member's organisation),
 * by members of the same branch (one each) and by residents (any user, one each), 1–5 with a comment.
 * The averages are public; the member and staff read the comments, never who wrote them.
 */
@Injectable()
export class MemberReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly members: MemberDirectory,
    private readonly repo: MemberReviewsRepository,
  ) {}

  async create(actor: Actor, memberId: string, dto: CreateMemberReviewDto): Promise<MemberReviews> {
    const { member, org } = await this.load(memberId);
    const refusal = this.refusal(actor, member, org, dto.kind);
    if (refusal) throw forbidden(refusal);
    try {
      await this.repo.insert(this.dataSource.manager, { memberId: member.id, period: dto.period, kind: dto.kind, reviewerUserId: actor.userId, score: dto.score, comment: dto.comment ?? '' });
    } catch (e) {
      // The unique (member, period, kind, reviewer) decides between racing duplicates.
      if (pgCode(e) === '23505') throw new AppError(409, ErrorCode.ALREADY_REVIEWED, `您已对该党员进行过本期${ReviewKindLabels[dto.kind]}`);
      throw e;
    }
    return this.summary(actor, memberId, dto.period);
  }

  /** Public averages per kind; the member and staff of the member's organisation also get the comments. */
  async summary(actor: Actor | null, memberId: string, period: string = todayInShanghai().slice(0, 4)): Promise<MemberReviews> {
    const { member, org } = await this.load(memberId);
    const db = this.dataSource.manager;
    const mayReadComments = !!actor && (member.userId === actor.userId || this.orgs.isStaffOf(actor, org));
    const [stats, comments, given] = await Promise.all([
      this.repo.findStats(db, member.id, period),
      mayReadComments ? this.repo.findComments(db, member.id, period) : Promise.resolve(null),
      actor ? this.repo.findKindsGivenBy(db, member.id, period, actor.userId) : Promise.resolve([]),
    ]);
    const of = (kind: ReviewKind) => {
      const row = stats.find((s) => s.kind === kind);
      return { count: row?.count ?? 0, average: row?.average == null ? null : Number(row.average) };
    };
    return {
      memberId: member.id,
      memberName: member.name,
      period,
      org: of('org'),
      peer: of('peer'),
      public: of('public'),
      ...(comments ? { comments: comments.map((c) => ({ kind: c.kind, score: c.score, comment: c.comment || null, createdAt: c.created_at.toISOString() })) } : {}),
      viewer: {
        reviewed: given,
        canReview: actor ? ReviewKinds.filter((k) => !given.includes(k) && !this.refusal(actor, member, org, k)) : [],
      },
    };
  }

  /** Why the caller may not give this kind of review (null: they may). No one reviews themselves. */
  private refusal(actor: Actor, member: Member, org: OrgRef, kind: ReviewKind): string | null {
    if (member.userId === actor.userId || actor.memberId === member.id) return '不能评议自己';
    switch (kind) {
      case 'org':
        return this.orgs.isStaffOf(actor, org) ? null : '只有该党员所在组织的工作人员可以进行组织点评';
      case 'peer':
        return actor.memberId && actor.memberOrgId === member.orgId ? null : '只有同一支部的党员可以互评';
      case 'public':
        return null;
    }
  }

  private async load(memberId: string): Promise<{ member: Member; org: OrgRef }> {
    const member = await this.members.find(memberId);
    if (!member) throw notFound('党员');
    return { member, org: await this.orgs.get(member.orgId) };
  }
}
