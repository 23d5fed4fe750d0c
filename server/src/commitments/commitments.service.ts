import { Injectable } from '@nestjs/common';
import { COMMITMENT_LIMITS, ErrorCode, ReviewKindLabels as REVIEW_KIND_LABELS, type Commitment, type CommitmentStatus, type CommitmentSummary, type Page, type ReviewKind } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, badRequest, forbidden, notFound } from '../common/app-error.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import { pgCode } from '../common/sql.js';
import type { Db } from '../database/db.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { commitmentNotification } from '../notifications/templates.js';
import { COMMITMENT_ACTIONS, fromStatuses, invalidTransitionMessage, nextStatus, PUBLIC_STATUSES, type CommitmentAction, type CommitmentTransition } from './commitment-state.js';
import { reviewSummaries, toCommitment, toCommitmentSummary, toProgress, toReview } from './commitment.mapper.js';
import type { AddProgressDto, CommitmentListQuery, CreateCommitmentDto, CreateReviewDto, UpdateCommitmentDto } from './commitments.dto.js';
import { CommitmentsRepository, type CommitmentRow } from './commitments.repository.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { ContentCheck } from '../wechat/content-check.js';


const invalidTransition = (action: CommitmentAction, status: CommitmentStatus) =>
  new AppError(409, ErrorCode.INVALID_STATE_TRANSITION, invalidTransitionMessage(action, status));

/**
 * 亮承诺 · 践诺 · 评诺. Who may do what:
 * - the owner (the bound member, for a member commitment; any staff of its organisation, for a branch
 *   commitment) edits and submits drafts, withdraws, and reports progress;
 * - staff of the commitment's organisation or above approve, send back, mark fulfilled, clear held
 *   content, and see everything in their subtree;
 * - everyone sees published and fulfilled commitments whose content is not held for review.
 * A commitment the caller may not see is 404, as if it did not exist; one they see but may not act
 * on is 403; a step the lifecycle does not allow now is 409 INVALID_STATE_TRANSITION.
 */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: CommitmentsRepository,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    private readonly contentCheck: ContentCheck,
    private readonly uploads: UploadsService,
  ) {}

  onModuleInit(): void {
    this.uploads.onPhotoRemoved((db, url) => this.repo.removeProgressPhoto(db, url));
  }

  // ---- who is the caller to this commitment ------------------------------------------------

  private isStaff(actor: Actor | null, c: CommitmentRow): boolean {
    return this.orgs.isStaffOf(actor, { path: c.org_path });
  }

  private isOwner(actor: Actor | null, c: CommitmentRow): boolean {
    if (!actor) return false;
    return c.owner_type === 'member' ? actor.memberId !== null && actor.memberId === c.owner_member_id : this.isStaff(actor, c);
  }

  private canSee(actor: Actor | null, c: CommitmentRow): boolean {
    return (PUBLIC_STATUSES.includes(c.status) && !c.content_held) || this.isOwner(actor, c) || this.isStaff(actor, c);
  }

  /** The commitment, if the caller may see it; 404 otherwise (drafts and held content do not exist for outsiders). */
  private async visible(actor: Actor | null, id: string): Promise<CommitmentRow> {
    const c = await this.repo.findById(this.dataSource.manager, id);
    if (!c || !this.canSee(actor, c)) throw notFound('承诺');
    return c;
  }

  private assertOwner(actor: Actor, c: CommitmentRow): void {
    if (!this.isOwner(actor, c)) throw forbidden(c.owner_type === 'member' ? '只有承诺人本人可以进行此操作' : '只有该组织的工作人员可以进行此操作');
  }

  private assertStaff(actor: Actor, c: CommitmentRow): void {
    if (!this.isStaff(actor, c)) throw forbidden('您不是该承诺所属组织（或上级组织）的工作人员');
  }

  private assertAllowedNow(action: CommitmentAction, c: CommitmentRow): void {
    if (nextStatus(action, c.status) === null) throw invalidTransition(action, c.status);
  }

  private assertDueNotPast(dueOn: string): void {
    if (dueOn < todayInShanghai()) throw badRequest('完成期限不能早于今天', [{ field: 'dueOn', message: 'dueOn 不能早于今天（北京时间）' }]);
  }

  // ---- drafts ---------------------------------------------------------------------------------

  async create(actor: Actor, dto: CreateCommitmentDto): Promise<Commitment> {
    if (dto.ownerType === 'member') {
      if (!actor.memberId) throw new AppError(403, ErrorCode.NOT_A_MEMBER, '仅限已绑定党员身份的用户发布个人承诺');
      if (dto.orgId !== actor.memberOrgId) throw forbidden('个人承诺只能发布在本人所在的组织');
    } else {
      await this.orgs.assertStaffOf(actor, dto.orgId);
    }
    this.assertDueNotPast(dto.dueOn);
    const verdict = await this.contentCheck.check(actor, [dto.title, dto.content, ...dto.items]);
    const id = await this.repo.insertDraft(this.dataSource.manager, {
      ownerType: dto.ownerType,
      ownerMemberId: dto.ownerType === 'member' ? actor.memberId : null,
      orgId: dto.orgId,
      title: dto.title,
      content: dto.content,
      items: dto.items,
      dueOn: dto.dueOn,
      contentHeld: verdict === 'review',
      createdBy: actor.userId,
    });
    return this.detail(actor, id);
  }

  /** The owner rewrites a draft (typically after it was sent back). The new text is checked again. */
  async update(actor: Actor, id: string, dto: UpdateCommitmentDto): Promise<Commitment> {
    const c = await this.visible(actor, id);
    this.assertOwner(actor, c);
    this.assertAllowedNow('edit', c);
    const next = { title: dto.title ?? c.title, content: dto.content ?? c.content, items: dto.items ?? c.items, dueOn: dto.dueOn ?? c.due_on };
    if (dto.dueOn !== undefined) this.assertDueNotPast(next.dueOn);
    const verdict = await this.contentCheck.check(actor, [next.title, next.content, ...next.items]);
    await this.dataSource.transaction(async (db) => {
      const updated = await this.repo.updateDraftIfStillDraft(db, id, { ...next, contentHeld: verdict === 'review' });
      if (!updated) throw invalidTransition('edit', (await this.repo.currentStatus(db, id)) ?? c.status);
    });
    return this.detail(actor, id);
  }

  // ---- the lifecycle --------------------------------------------------------------------------

  submit(actor: Actor, id: string): Promise<Commitment> {
    return this.transition(actor, id, 'submit', {
      who: 'owner',
      precheck: (c) => this.assertDueNotPast(c.due_on),
      // Staff's inbox: everyone who may approve it (staff of the organisation and above).
      notify: (db, c, eventId) =>
        this.notifications.enqueueForStaffOf(db, c.org_id, (userId) =>
          commitmentNotification({
            userId,
            commitmentId: c.id,
            commitmentTitle: c.title,
            event: '待审核',
            note: `${c.owner_type === 'member' ? c.member_name : c.org_name}提交了承诺，请审核`,
            dedupeKey: `commitment:${c.id}:submitted:${eventId}:${userId}`,
          }),
        ),
    });
  }

  approve(actor: Actor, id: string): Promise<Commitment> {
    return this.transition(actor, id, 'approve', {
      who: 'staff',
      notify: (db, c, eventId) => this.notifyOwner(db, actor, c, '已通过', '承诺已审核通过并公开', `commitment:${c.id}:approved:${eventId}`),
    });
  }

  sendBack(actor: Actor, id: string, reason: string): Promise<Commitment> {
    return this.transition(actor, id, 'return', {
      who: 'staff',
      reason,
      notify: (db, c, eventId) => this.notifyOwner(db, actor, c, '被退回', reason, `commitment:${c.id}:returned:${eventId}`),
    });
  }

  withdraw(actor: Actor, id: string): Promise<Commitment> {
    return this.transition(actor, id, 'withdraw', { who: 'owner' });
  }

  fulfil(actor: Actor, id: string): Promise<Commitment> {
    return this.transition(actor, id, 'fulfil', {
      who: 'staff',
      notify: (db, c, eventId) => this.notifyOwner(db, actor, c, '已践诺', '承诺已确认践诺', `commitment:${c.id}:fulfilled:${eventId}`),
    });
  }

  /**
   * One step of the lifecycle: who may take it, then whether the state allows it, then — in one
   * transaction — the conditional move, its event row and its notifications. The early state check
   * gives the usual answer; the conditional UPDATE is what decides between racing requests.
   */
  private async transition(
    actor: Actor,
    id: string,
    action: CommitmentTransition,
    o: {
      who: 'owner' | 'staff';
      reason?: string;
      precheck?: (c: CommitmentRow) => void;
      notify?: (db: Db, c: CommitmentRow, eventId: string) => Promise<unknown>;
    },
  ): Promise<Commitment> {
    const c = await this.visible(actor, id);
    if (o.who === 'owner') this.assertOwner(actor, c);
    else this.assertStaff(actor, c);
    this.assertAllowedNow(action, c);
    o.precheck?.(c);
    const to = COMMITMENT_ACTIONS[action].to;
    await this.dataSource.transaction(async (db) => {
      // Only a send-back carries a reason; every other move clears the last one.
      const left = await this.repo.moveIfIn(db, id, fromStatuses(action), to, action === 'return' ? (o.reason ?? null) : null);
      if (!left) throw invalidTransition(action, (await this.repo.currentStatus(db, id)) ?? c.status);
      const eventId = await this.repo.recordEvent(db, { commitmentId: id, action, from: left, to, reason: o.reason, actorUserId: actor.userId });
      await o.notify?.(db, c, eventId);
    });
    return this.detail(actor, id);
  }

  /**
   * The owner's notification: the member's WeChat user, or for a branch commitment the staff member
   * who wrote it. Nobody is notified of their own action.
   */
  private async notifyOwner(db: Db, actor: Actor, c: CommitmentRow, event: string, note: string, dedupeKey: string): Promise<void> {
    const userId = c.owner_type === 'member' ? c.member_user_id : c.created_by;
    if (!userId || userId === actor.userId) return;
    await this.notifications.enqueue(db, commitmentNotification({ userId, commitmentId: c.id, commitmentTitle: c.title, event, note, dedupeKey }));
  }

  // ---- progress, reviews, held content ---------------------------------------------------------

  async addProgress(actor: Actor, id: string, dto: AddProgressDto): Promise<Commitment> {
    const c = await this.visible(actor, id);
    this.assertOwner(actor, c);
    this.assertAllowedNow('progress', c);
    const photos = dto.photos ?? [];
    await this.uploads.assertOwnUploads(actor.userId, photos, 'photos', c.org_id);
    const verdict = await this.contentCheck.check(actor, [dto.text]);
    await this.dataSource.transaction(async (db) => {
      const added = await this.repo.insertProgressIfPublished(db, { commitmentId: id, text: dto.text, photos, contentHeld: verdict === 'review', createdBy: actor.userId });
      if (!added) throw invalidTransition('progress', (await this.repo.currentStatus(db, id)) ?? c.status);
    });
    return this.detail(actor, id);
  }

  async review(actor: Actor, id: string, dto: CreateReviewDto): Promise<Commitment> {
    const c = await this.visible(actor, id);
    this.assertMayReview(actor, c, dto.kind);
    this.assertAllowedNow('review', c);
    const comment = dto.comment ?? '';
    const verdict = comment ? await this.contentCheck.check(actor, [comment]) : 'pass';
    await this.dataSource.transaction(async (db) => {
      let reviewId: string | null;
      try {
        reviewId = await this.repo.insertReviewIfIn(db, fromStatuses('review'), {
          commitmentId: id,
          kind: dto.kind,
          reviewerUserId: actor.userId,
          score: dto.score,
          comment,
          contentHeld: verdict === 'review',
        });
      } catch (e) {
        // The unique (commitment, kind, reviewer) decides between racing duplicates.
        if (pgCode(e) === '23505') throw new AppError(409, ErrorCode.ALREADY_REVIEWED, `您已对该承诺进行过${REVIEW_KIND_LABELS[dto.kind]}`);
        throw e;
      }
      if (!reviewId) throw invalidTransition('review', (await this.repo.currentStatus(db, id)) ?? c.status);
      await this.notifyOwner(db, actor, c, '新评价', `收到一条${REVIEW_KIND_LABELS[dto.kind]}：${dto.score} 分`, `commitment-review:${reviewId}`);
    });
    return this.detail(actor, id);
  }

  /**
   * org: staff of the organisation (or above); peer: another bound member of the same organisation;
   * public: any logged-in user. Nobody reviews their own commitment (for a branch commitment the
   * owners are its staff, whose say is the org review).
   */
  private assertMayReview(actor: Actor, c: CommitmentRow, kind: ReviewKind): void {
    const ownMember = c.owner_type === 'member' && actor.memberId === c.owner_member_id;
    switch (kind) {
      case 'org':
        if (!this.isStaff(actor, c)) throw forbidden('只有该组织（或上级组织）的工作人员可以进行组织点评');
        if (ownMember) throw forbidden('不能点评自己的承诺');
        return;
      case 'peer':
        if (!actor.memberId || actor.memberOrgId !== c.org_id) throw forbidden('只有同一支部的党员可以互评');
        if (ownMember) throw forbidden('不能评价自己的承诺');
        return;
      case 'public':
        if (this.isOwner(actor, c)) throw forbidden('不能评价自己的承诺');
        return;
    }
  }

  /** Staff have read what WeChat asked a human to look at: the commitment, its progress and its reviews become public. */
  async clearHeld(actor: Actor, id: string): Promise<Commitment> {
    const c = await this.visible(actor, id);
    this.assertStaff(actor, c);
    await this.dataSource.transaction(async (db) => {
      const lifted = await this.repo.clearHeld(db, id);
      // The history keeps the action's first name (rows already say clear_content).
      if (lifted > 0) await this.repo.recordEvent(db, { commitmentId: id, action: 'clear_content', from: c.status, to: c.status, actorUserId: actor.userId });
    });
    return this.detail(actor, id);
  }

  // ---- reading ------------------------------------------------------------------------------

  async detail(actor: Actor | null, id: string): Promise<Commitment> {
    const c = await this.visible(actor, id);
    const isStaff = this.isStaff(actor, c);
    const insider = isStaff || this.isOwner(actor, c);
    const { progress, reviews, stats } = await this.repo.detailPartsOf(this.dataSource.manager, id, COMMITMENT_LIMITS.reviewsInDetail);
    const viewer = { userId: actor?.userId ?? null, isStaff };
    return toCommitment(
      toCommitmentSummary(c, reviewSummaries(stats)(id), todayInShanghai()),
      progress.filter((p) => insider || !p.content_held).map(toProgress),
      reviews.map((r) => toReview(r, viewer)),
      { owner: this.isOwner(actor, c), staff: isStaff },
    );
  }

  async list(actor: Actor | null, q: CommitmentListQuery): Promise<Page<CommitmentSummary>> {
    if (q.mine && !actor) throw new AppError(401, ErrorCode.UNAUTHENTICATED, '请先登录');
    const after = decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']);
    const orgPath = q.orgId ? (await this.orgs.get(q.orgId)).path : undefined;
    const limit = q.limit ?? 20;
    const today = todayInShanghai();
    const db = this.dataSource.manager;
    const rows = await this.repo.findVisiblePage(
      db,
      { isAdmin: actor?.isAdmin ?? false, memberId: actor?.memberId ?? null, userId: actor?.userId ?? null, staffPaths: actor ? await this.orgs.paths(actor.staffOrgIds, db) : [] },
      { orgPath, ownerType: q.ownerType, status: q.status, overdue: q.overdue, mine: q.mine, today, after, limit },
    );
    const summaryOf = reviewSummaries(await this.repo.reviewStatsOf(db, rows.slice(0, limit).map((r) => r.id)));
    return toPage(rows, limit, (r) => toCommitmentSummary(r, summaryOf(r.id), today), (r) => [r.cursor_at, r.id]);
  }
}
