import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ErrorCode, PublicWishStatuses, WishStatuses, type Page, type Wish, type WishCounts, type WishSettings, type WishStatus } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import { commitThenRead, type Db } from '../database/db.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { wishNotification } from '../notifications/templates.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { ContentCheck } from '../wechat/content-check.js';
import { canSee, isPublicStatus, toWish, type WishViewer } from './wish.mapper.js';
import type { ApproveWishDto, ConfirmWishDto, CreateWishDto, FulfilWishDto, ListWishesQuery, RejectWishDto } from './wishes.dto.js';
import { mayTake, nextStatus, WISH_ACTIONS } from './wish-state.js';
import { claimLimitReached, DEFAULT_CLAIM_LIMIT, WishesRepository, type ClaimContext, type MoveArgs, type MoveBy, type WishRow } from './wishes.repository.js';

const EXPIRE_BATCH = 500;
const COUNTS_TTL_MS = 10_000;
const COUNTS_CACHE_MAX = 10_000;

type WishRef = Pick<WishRow, 'id' | 'title' | 'wisher_user_id' | 'posted_by'>;

const invalidTransition = (message: string) => conflict(ErrorCode.INVALID_STATE_TRANSITION, message);
const limitReached = (held: number, limit: number) =>
  conflict(ErrorCode.CLAIM_LIMIT_REACHED, `您有 ${held} 个认领中的心愿，已达上限 ${limit} 个，请先完成或释放`);

/**
 * The micro-wish wall (微心愿): 群众亮卡 (post), 支部议卡 (approve / reject), 党员领卡 (claim, fulfil),
 * then the wisher confirms. Every step is a conditional UPDATE on the status it starts from, with its
 * history row and its notifications in the same transaction; WeChat's content check runs before the
 * transaction, never inside it.
 */
@Injectable()
export class WishesService implements OnModuleInit {
  private readonly logger = new Logger(WishesService.name);
  private readonly countsCache = new Map<string, { at: number; value: Promise<WishCounts> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobScheduler,
    private readonly contentCheck: ContentCheck,
    private readonly uploads: UploadsService,
    private readonly repo: WishesRepository,
  ) {}

  onModuleInit(): void {
    this.uploads.onPhotoRemoved((db, url) => this.repo.removeFulfilPhoto(db, url));
    // Every five minutes rather than once at midnight: a run missed while the service was down is
    // made good by the next one, and the claim route already refuses wishes past their last day.
    this.jobs.register('wishes-expire', '*/5 * * * *', () => this.expireDue().then(() => undefined));
  }

  // ---- reading -------------------------------------------------------------------------------

  async get(actor: Actor | null, id: string): Promise<Wish> {
    return this.read(this.dataSource.manager, actor, id);
  }

  /**
   * The wall. Public callers see open/claimed/fulfilled/confirmed wishes; pending, rejected and
   * expired ones need staff of `orgId` (or an admin), except the caller's own through mine=posted.
   */
  async list(actor: Actor | null, q: ListWishesQuery): Promise<Page<Wish>> {
    const limit = q.limit ?? 20;
    const org = q.orgId ? await this.orgs.get(q.orgId) : null;
    if (q.mine && !actor) throw new AppError(401, ErrorCode.UNAUTHENTICATED, '请先登录');
    if (q.mine === 'claimed' && !actor!.memberId) throw new AppError(403, ErrorCode.NOT_A_MEMBER, '仅限已绑定党员身份的用户');
    const statuses = q.status?.length ? q.status : q.mine ? WishStatuses : PublicWishStatuses;
    const restricted = statuses.some((s) => !isPublicStatus(s));
    if (restricted && !q.mine) {
      const allowed = org ? this.orgs.isStaffOf(actor, org) : actor?.isAdmin === true;
      if (!allowed) throw forbidden('待审核、未通过和已过期的心愿仅对该组织的工作人员可见');
    }
    const rows = await this.repo.findPageInSubtree(this.dataSource.manager, {
      subtree: org ? await this.orgs.subtree(org) : null,
      statuses,
      postedBy: q.mine === 'posted' ? actor!.userId : undefined,
      claimantMemberId: q.mine === 'claimed' ? actor!.memberId! : undefined,
      category: q.category,
      after: decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']),
      limit,
    });
    // The filters above already select only wishes the caller may see; canSee is a second lock on
    // the door, applied after paging so the cursor stays right even if it ever drops a row.
    const page = toPage(
      rows,
      limit,
      (r) => {
        const v = this.viewerOf(actor, r);
        return canSee(r, v) ? toWish(r, v) : null;
      },
      (r) => [r.created_key, r.id],
    );
    return { items: page.items.filter((w): w is Wish => w !== null), nextCursor: page.nextCursor };
  }

  /**
   * The board's counts, as the public route serves them: at most COUNTS_TTL_MS old. Counting is a
   * scan of the subtree's wishes (≈ 20 ms at 100,000), and every visitor of a board asks for it;
   * a figure like "已认领完成 1530 个" may lag a few seconds. Concurrent misses share one query.
   */
  boardCounts(orgId: string): Promise<WishCounts> {
    const hit = this.countsCache.get(orgId);
    if (hit && Date.now() - hit.at < COUNTS_TTL_MS) return hit.value;
    if (this.countsCache.size >= COUNTS_CACHE_MAX) this.countsCache.clear();
    const value = this.counts(orgId);
    this.countsCache.set(orgId, { at: Date.now(), value });
    value.catch(() => this.countsCache.delete(orgId));
    return value;
  }

  /** Exact counts over the subtree, now; see WishCounts for what each one means. */
  async counts(orgId: string): Promise<WishCounts> {
    const org = await this.orgs.get(orgId);
    const by = await this.repo.countByStatusInSubtree(this.dataSource.manager, await this.orgs.subtreeIds(org));
    const n = (...s: WishStatus[]) => s.reduce((sum, k) => sum + (by.get(k) ?? 0), 0);
    return {
      orgId,
      posted: n('open', 'claimed', 'fulfilled', 'confirmed', 'expired'),
      open: n('open'),
      claimed: n('claimed', 'fulfilled', 'confirmed'),
      fulfilled: n('fulfilled', 'confirmed'),
      confirmed: n('confirmed'),
    };
  }

  // ---- posting and review --------------------------------------------------------------------

  /**
   * Staff of the organisation who give `wisherName` post on that resident's behalf: the wish has no
   * wisher account, and the posting staff member stands in for the wisher (notifications, confirming).
   * Anyone else posts for themselves.
   */
  async create(actor: Actor, dto: CreateWishDto): Promise<Wish> {
    const org = await this.orgs.get(dto.orgId);
    const onBehalf = dto.wisherName !== undefined && this.orgs.isStaffOf(actor, org);
    const wisherName = dto.wisherName ?? (await this.nickname(actor.userId));
    const held = await this.screen(actor, `${dto.title}\n${dto.description}`);
    return commitThenRead(this.dataSource, async (m) => {
      const wishId = await this.repo.insert(m, {
        orgId: org.id,
        title: dto.title,
        description: dto.description,
        category: dto.category,
        wisherUserId: onBehalf ? null : actor.userId,
        postedBy: actor.userId,
        wisherName,
        wisherPhone: dto.wisherPhone ?? null,
        contentHeld: held,
      });
      const eventId = await this.repo.recordEvent(m, {
        wishId,
        action: 'post',
        from: null,
        to: WISH_ACTIONS.post.to,
        actorUserId: actor.userId,
        role: onBehalf ? 'staff' : 'wisher',
        onBehalf,
      });
      await this.notifyStaff(m, org.id, { id: wishId, title: dto.title }, eventId, '待审核', held ? '新的微心愿等待审核（内容需人工复核）' : '新的微心愿等待审核');
      return wishId;
    }, (db, wishId) => this.read(db, actor, wishId));
  }

  /** Staff approve: the wish goes on the wall. Approval also clears text WeChat sent to review (staff just read it). */
  async approve(actor: Actor, id: string, dto: ApproveWishDto): Promise<Wish> {
    const { row, viewer } = await this.loadVisible(actor, id);
    if (!mayTake('approve', viewer)) throw forbidden('只有该组织的工作人员可以审核心愿');
    if (!nextStatus('approve', row.status)) throw invalidTransition('该心愿不在待审核状态');
    if (dto.expiresOn && dto.expiresOn < todayInShanghai()) {
      throw badRequest('截止日期不能早于今天', [{ field: 'expiresOn', message: 'expiresOn 不能早于今天' }]);
    }
    return commitThenRead(this.dataSource, async (m) => {
      const eventId = await this.move(m, id, 'approve', { reviewer: actor.userId, expiresOn: dto.expiresOn ?? null }, { actorUserId: actor.userId, role: 'staff' }, '该心愿已被审核');
      await this.notifyWisher(m, row, actor.userId, eventId, '已通过', '您的心愿已上墙，等待党员认领');
    }, (db) => this.read(db, actor, id));
  }

  async reject(actor: Actor, id: string, dto: RejectWishDto): Promise<Wish> {
    const { row, viewer } = await this.loadVisible(actor, id);
    if (!mayTake('reject', viewer)) throw forbidden('只有该组织的工作人员可以审核心愿');
    if (!nextStatus('reject', row.status)) throw invalidTransition('该心愿不在待审核状态');
    return commitThenRead(this.dataSource, async (m) => {
      const eventId = await this.move(m, id, 'reject', { reviewer: actor.userId, reason: dto.reason }, { actorUserId: actor.userId, role: 'staff', note: dto.reason }, '该心愿已被审核');
      await this.notifyWisher(m, row, actor.userId, eventId, '未通过', `原因：${dto.reason}`);
    }, (db) => this.read(db, actor, id));
  }

  // ---- claiming ------------------------------------------------------------------------------

  /**
   * 党员领卡. Two invariants, both kept by PostgreSQL rather than by a read-then-write here:
   * - one claimer per wish: the claim move is `UPDATE … WHERE status = 'open'`; concurrent claimers
   *   queue on the row lock and all but the first find it no longer open;
   * - at most the limit of unfinished claims per member: the move bumps the member's count of held
   *   claims (member.claims_held, trigger wish_claims_held), and the same trigger refuses the claim
   *   past the limit. The bump locks the member's row, so one member's claims run one after another,
   *   and each sees the count the one before it left.
   * Any bound member may claim, not only members of the wish's organisation: in-service members
   * report to the community where they live (双报到) and take its wishes. The limit that applies
   * is the one governing the wish's organisation; it counts the member's claims everywhere.
   */
  async claim(actor: Actor, id: string): Promise<Wish> {
    const memberId = actor.memberId!;
    const today = todayInShanghai();
    // A first look outside any transaction: in a burst most taps find the wish already claimed, and
    // are answered from this one read. It only ever refuses; the claim itself is decided by the move.
    const c = await this.repo.findClaimContext(this.dataSource.manager, id, memberId, today);
    this.refuseClaim(actor, c);
    // The transaction is the move and the wisher's notification only (what the notification says
    // comes from the first look, as for the other moves): the row lock others queue on is let go
    // at once, and the answer is read after the commit on the same connection.
    return commitThenRead(this.dataSource, async (m) => {
      try {
        const eventId = await this.move(m, id, 'claim', { memberId, today }, this.asMember(actor), (now) =>
          // Lost the race (or the wish lapsed meanwhile): say which.
          now === 'claimed' ? conflict(ErrorCode.WISH_ALREADY_CLAIMED, '该心愿已被认领') : conflict(ErrorCode.WISH_NOT_OPEN, '该心愿当前不可认领'),
        );
        await this.notifyWisher(m, c, actor.userId, eventId, '已认领', `党员${c.member_name ?? ''}认领了您的心愿，将与您联系`);
      } catch (err) {
        const over = claimLimitReached(err);
        throw over ? limitReached(over.held, over.limit) : err;
      }
    }, (db) => this.read(db, actor, id));
  }

  /** Throws why the caller may not claim the wish now (404 / 403 / 409), or returns. */
  private refuseClaim(actor: Actor, c: ClaimContext | null): asserts c is ClaimContext {
    if (!c) throw notFound('心愿');
    const viewer: WishViewer = {
      staff: this.orgs.isStaffOf(actor, { path: c.org_path }),
      wisher: c.wisher_user_id === actor.userId || c.posted_by === actor.userId,
      claimer: false,
    };
    if (!canSee(c, viewer)) throw notFound('心愿');
    if (c.wisher_user_id === actor.userId) throw forbidden('不能认领自己发布的心愿');
    if (c.status === 'claimed') throw conflict(ErrorCode.WISH_ALREADY_CLAIMED, '该心愿已被认领');
    if (!nextStatus('claim', c.status) || c.lapsed) throw conflict(ErrorCode.WISH_NOT_OPEN, '该心愿当前不可认领');
    if (c.held >= c.claim_limit) throw limitReached(c.held, c.claim_limit);
  }

  /** The claimer gives the wish back to the wall. */
  async release(actor: Actor, id: string): Promise<Wish> {
    const { row } = await this.loadForClaimer(actor, id, 'release', '释放');
    return commitThenRead(this.dataSource, async (m) => {
      const eventId = await this.move(m, id, 'release', { memberId: actor.memberId! }, this.asMember(actor), '该心愿已不在认领中');
      await this.notifyWisher(m, row, actor.userId, eventId, '重新待领', '认领的党员已释放该心愿，心愿重新回到心愿墙');
    }, (db) => this.read(db, actor, id));
  }

  async fulfil(actor: Actor, id: string, dto: FulfilWishDto): Promise<Wish> {
    const { row } = await this.loadForClaimer(actor, id, 'fulfil', '标记完成');
    await this.uploads.assertOwnUploads(actor.userId, dto.photos ?? [], 'photos', row.org_id);
    const held = await this.screen(actor, dto.note);
    return commitThenRead(this.dataSource, async (m) => {
      const fulfilment = { memberId: actor.memberId!, note: dto.note, photos: dto.photos ?? [], held };
      const eventId = await this.move(m, id, 'fulfil', fulfilment, this.asMember(actor), '该心愿已不在认领中');
      await this.notifyWisher(m, row, actor.userId, eventId, '已完成', `党员${row.claimant_name ?? ''}已完成您的心愿，请确认`);
      if (held) await this.notifyStaff(m, row.org_id, row, eventId, '内容待审', '心愿的完成说明需要人工复核');
    }, (db) => this.read(db, actor, id));
  }

  /** The wisher (or staff of the organisation, e.g. for a resident without the app) confirms, with optional thanks and rating. */
  async confirm(actor: Actor, id: string, dto: ConfirmWishDto): Promise<Wish> {
    const { row, viewer } = await this.loadVisible(actor, id);
    if (!mayTake('confirm', viewer)) throw forbidden('只有心愿人或该组织的工作人员可以确认');
    if (!nextStatus('confirm', row.status)) throw invalidTransition('该心愿还没有完成，不能确认');
    const held = dto.thanks ? await this.screen(actor, dto.thanks) : false;
    const role = row.wisher_user_id === actor.userId ? 'wisher' : 'staff';
    return commitThenRead(this.dataSource, async (m) => {
      const confirmation = { by: actor.userId, thanks: dto.thanks ?? null, rating: dto.rating ?? null, held };
      const eventId = await this.move(m, id, 'confirm', confirmation, { actorUserId: actor.userId, role }, '该心愿已确认');
      if (row.claimant_user_id && row.claimant_user_id !== actor.userId) {
        const note = dto.thanks && !held ? dto.thanks : dto.thanks ? '心愿人已确认完成并向您致谢' : '心愿人已确认完成，感谢您的付出';
        await this.notifications.enqueue(
          m,
          wishNotification({ userId: row.claimant_user_id, wishId: id, wishTitle: row.title, event: dto.thanks ? '收到感谢' : '已确认', note, dedupeKey: `wish-event:${eventId}:${row.claimant_user_id}` }),
        );
      }
      if (held) await this.notifyStaff(m, row.org_id, row, eventId, '内容待审', '心愿的感谢留言需要人工复核');
    }, (db) => this.read(db, actor, id));
  }

  /** Staff clear a fulfilment note or thanks that WeChat sent to human review, so the public sees them. */
  async clearHeld(actor: Actor, id: string): Promise<Wish> {
    const { viewer } = await this.loadVisible(actor, id);
    if (!mayTake('clear_held', viewer)) throw forbidden('只有该组织的工作人员可以审核内容');
    return commitThenRead(this.dataSource, async (m) => {
      if (await this.repo.clearHeld(m, id)) {
        await this.repo.recordEvent(m, { wishId: id, action: 'clear_held', from: null, to: null, actorUserId: actor.userId, role: 'staff' });
      }
    }, (db) => this.read(db, actor, id));
  }

  /**
   * A member left the organisation (members/ records the leave in the same transaction `m`): each
   * wish they hold claimed goes back to the wall, with a history entry by the staff member who
   * recorded the leave, and its wisher is told. Returns how many were released.
   */
  async releaseClaimsOfLeavingMember(m: Db, memberId: string, staffUserId: string): Promise<number> {
    const ids = await this.repo.lockClaimedBy(m, memberId);
    for (const id of ids) {
      const row = (await this.repo.findById(m, id))!;
      const eventId = await this.move(m, id, 'release', { memberId }, { actorUserId: staffUserId, role: 'staff', note: '认领的党员已离开组织' }, '该心愿已不在认领中');
      await this.notifyWisher(m, row, staffUserId, eventId, '重新待领', '认领的党员已离开组织，心愿重新回到心愿墙');
    }
    return ids.length;
  }

  // ---- expiry --------------------------------------------------------------------------------

  /**
   * Moves open wishes whose last day (`expiresOn`, Asia/Shanghai) is before today to expired, with
   * history and a notification to the wisher, in batches of one transaction each. Claimed wishes
   * never expire: someone is working on them. Called by the `wishes-expire` job; public for tests.
   */
  async expireDue(now: Date = new Date()): Promise<{ expired: number }> {
    const today = todayInShanghai(now);
    let expired = 0;
    for (;;) {
      const moved = await this.dataSource.transaction(async (m) => {
        const rows = await this.repo.expireDueBatch(m, today, EXPIRE_BATCH);
        for (const r of rows) await this.notifyWisher(m, r, null, r.event_id, '已过期', '心愿到期未被认领，已从心愿墙撤下');
        return rows.length;
      });
      expired += moved;
      if (moved < EXPIRE_BATCH) break;
    }
    if (expired) this.logger.log(`expired ${expired} wishes (last day before ${today})`);
    return { expired };
  }

  // ---- settings ------------------------------------------------------------------------------

  async settings(actor: Actor, orgId: string): Promise<WishSettings> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const s = await this.repo.findGoverningSettings(this.dataSource.manager, org.path);
    return { orgId, claimLimit: s?.claim_limit ?? DEFAULT_CLAIM_LIMIT, inheritedFrom: s && s.org_id !== orgId ? s.org_id : null };
  }

  /** Applies to wishes of this organisation and of its subtree (unless a descendant sets its own). */
  async putSettings(actor: Actor, orgId: string, claimLimit: number): Promise<WishSettings> {
    await this.orgs.assertStaffOf(actor, orgId);
    await this.repo.upsertSettings(this.dataSource.manager, orgId, claimLimit, actor.userId);
    return this.settings(actor, orgId);
  }

  // ---- internals -----------------------------------------------------------------------------

  private viewerOf(actor: Actor | null, r: WishRow): WishViewer {
    return {
      staff: this.orgs.isStaffOf(actor, { path: r.org_path }),
      wisher: !!actor && (r.wisher_user_id === actor.userId || r.posted_by === actor.userId),
      claimer: !!actor?.memberId && r.claimant_member_id === actor.memberId,
    };
  }

  /** The wish with its history as the caller may see it; 404 when the caller may not know it exists. */
  private async read(db: Db, actor: Actor | null, id: string): Promise<Wish> {
    const found = await this.repo.findWithHistory(db, id);
    const viewer = this.visibleTo(actor, found?.row);
    return toWish(found!.row, viewer, found!.history);
  }

  /** The wish and the caller's relation to it; 404 when the caller may not know it exists. */
  private async loadVisible(actor: Actor | null, id: string): Promise<{ row: WishRow; viewer: WishViewer }> {
    const row = await this.repo.findById(this.dataSource.manager, id);
    const viewer = this.visibleTo(actor, row);
    return { row: row!, viewer };
  }

  /** The caller's relation to the wish; 404 when there is none or the caller may not know it exists. */
  private visibleTo(actor: Actor | null, row: WishRow | null | undefined): WishViewer {
    if (!row) throw notFound('心愿');
    const viewer = this.viewerOf(actor, row);
    if (!canSee(row, viewer)) throw notFound('心愿');
    return viewer;
  }

  /** For the claimer's steps: while the wish is claimed only the claimer may; otherwise the state refuses. */
  private async loadForClaimer(actor: Actor, id: string, action: 'release' | 'fulfil', what: string): Promise<{ row: WishRow }> {
    const { row, viewer } = await this.loadVisible(actor, id);
    const allowedNow = nextStatus(action, row.status) !== null;
    if (allowedNow && !mayTake(action, viewer)) throw forbidden(`只有认领人可以${what}`);
    if (!allowedNow) throw invalidTransition(`该心愿不在认领中，不能${what}`);
    return { row };
  }

  private asMember(actor: Actor): MoveBy {
    return { actorUserId: actor.userId, role: 'member', actorMemberId: actor.memberId };
  }

  /**
   * Applies one move of the lifecycle (WISH_ACTIONS) inside the caller's transaction: the conditional
   * UPDATE and its history row, one statement. When the wish is no longer where the move starts from
   * (a racing request got there first), throws 409 INVALID_STATE_TRANSITION with `lost`, or what
   * `lost` answers given the status the wish is in now.
   * Returns the history row's id (the notifications' dedupe keys name it).
   */
  private async move<A extends keyof MoveArgs>(
    m: Db,
    id: string,
    action: A,
    args: MoveArgs[A],
    by: MoveBy,
    lost: string | ((now: WishStatus | null) => AppError),
  ): Promise<string> {
    const r = await this.repo.move(m, id, action, args, by);
    if (!r.eventId) throw typeof lost === 'string' ? invalidTransition(lost) : lost(r.status);
    return r.eventId;
  }

  private async nickname(userId: string): Promise<string | null> {
    const n = (await this.repo.findNickname(this.dataSource.manager, userId))?.trim();
    return n ? n.slice(0, 50) : null;
  }

  /** WeChat's text check, before any transaction; true when the text must be held for staff (see ContentCheck). */
  private async screen(actor: Actor, content: string): Promise<boolean> {
    return (await this.contentCheck.check(actor, [content])) === 'review';
  }

  /**
   * Tells "the wisher": their account, or for a wish posted on a resident's behalf the staff member
   * who posted it (they are how the resident hears). Nobody is told of their own action.
   */
  private async notifyWisher(m: Db, w: WishRef, actorUserId: string | null, eventId: string, event: string, note: string): Promise<void> {
    const to = w.wisher_user_id ?? w.posted_by;
    if (to === actorUserId) return;
    await this.notifications.enqueue(m, wishNotification({ userId: to, wishId: w.id, wishTitle: w.title, event, note, dedupeKey: `wish-event:${eventId}:${to}` }));
  }

  private async notifyStaff(m: Db, orgId: string, w: Pick<WishRow, 'id' | 'title'>, eventId: string, event: string, note: string): Promise<void> {
    await this.notifications.enqueueForStaffOf(m, orgId, (userId) =>
      wishNotification({ userId, wishId: w.id, wishTitle: w.title, event, note, dedupeKey: `wish-event:${eventId}:${userId}` }),
    );
  }
}
