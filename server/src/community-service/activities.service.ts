import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ErrorCode, Limits, Pages, pageLink, type Activity, type Attendance, type AttendanceConfirmation, type CheckinCode, type Page } from '@xianfeng/shared';
import dayjs from 'dayjs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai, ZONE } from '../common/dates.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import type { Db } from '../database/db.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { serviceNotification } from '../notifications/templates.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { ActivitiesRepository, type ActivityRow, type AttendanceRow } from './activities.repository.js';
import { CHECKIN_OPENS_BEFORE_MS, CHECKOUT_CLOSES_AFTER_MS, distanceM, overlapMinutes } from './attendance-rules.js';
import { issueCode, STEP_SECONDS, stepAt, stepStart, verifyCode } from './checkin-code.js';
import type { CheckinDto, ConfirmAttendanceDto, CreateActivityDto, ListActivitiesQuery } from './community-service.dto.js';
import { toActivity } from './community-service.mapper.js';
import { ReportsRepository } from './reports.repository.js';
import { ServiceClock } from './service-clock.js';

const WEEK_MS = 7 * 24 * 3600_000;
const REMINDER_JOB = 'service-activity-reminders';

const fmt = (d: Date) => dayjs(d).tz(ZONE).format('M月D日 HH:mm');

/**
 * Community service activities (志愿服务岗位 and single activities): publishing, sign-up within
 * capacity, the rotating check-in code, check-in/out and the organiser's confirmation of minutes.
 *
 * The rules that must hold however many phones tap at once are the database's: a place is taken by
 * one conditional UPDATE of the activity's counter, a sign-up is one live row per member (partial
 * unique index), a check-in one attendance row (primary key). Every time rule reads ServiceClock.
 */
@Injectable()
export class ActivitiesService implements OnModuleInit {
  private readonly logger = new Logger(ActivitiesService.name);
  private secret: Promise<string> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobScheduler,
    private readonly clock: ServiceClock,
    private readonly repo: ActivitiesRepository,
    private readonly reports: ReportsRepository,
  ) {}

  onModuleInit(): void {
    // Hourly: each run reminds everyone signed up to what starts in the next 24-25 hours, once per
    // member and activity (the outbox's dedupe key), so an overlapping or repeated run adds nothing.
    this.jobs.register(REMINDER_JOB, '5 * * * *', () => this.sendReminders().then(() => undefined));
  }

  // ---- publishing and reading ----------------------------------------------------------------

  /** One activity, or with `repeatWeekly` a weekly series of them (each its own sign-ups); answers the first. */
  async create(actor: Actor, orgId: string, dto: CreateActivityDto): Promise<Activity> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt) throw badRequest('结束时间必须晚于开始时间', [{ field: 'endsAt', message: 'endsAt 必须晚于 startsAt' }]);
    if (endsAt.getTime() - startsAt.getTime() > Limits.service.activityHoursMax * 3600_000) {
      throw badRequest(`活动时长不能超过 ${Limits.service.activityHoursMax} 小时`, [{ field: 'endsAt', message: '活动过长' }]);
    }
    if (startsAt <= this.clock.now()) throw badRequest('开始时间必须在将来', [{ field: 'startsAt', message: 'startsAt 必须晚于现在' }]);
    const count = dto.repeatWeekly ?? 1;
    const ids = await this.dataSource.transaction(async (db) => {
      const seriesId = count > 1 ? randomUUID() : null;
      const out: string[] = [];
      for (let i = 0; i < count; i++) {
        out.push(
          await this.repo.insert(db, {
            orgId: org.id,
            seriesId,
            title: dto.title,
            description: dto.description,
            place: dto.place,
            startsAt: new Date(startsAt.getTime() + i * WEEK_MS),
            endsAt: new Date(endsAt.getTime() + i * WEEK_MS),
            capacity: dto.capacity,
            location: dto.location ?? null,
            createdBy: actor.userId,
          }),
        );
      }
      return out;
    });
    return this.get(actor, ids[0]);
  }

  async list(actor: Actor | null, q: ListActivitiesQuery): Promise<Page<Activity>> {
    const limit = q.limit ?? 20;
    const org = q.orgId ? await this.orgs.get(q.orgId) : null;
    if (q.mine && !actor) throw new AppError(401, ErrorCode.UNAUTHENTICATED, '请先登录');
    if (q.mine && !actor!.memberId) throw new AppError(403, ErrorCode.NOT_A_MEMBER, '仅限已绑定党员身份的用户');
    const from = dayjs.tz(q.from ?? todayInShanghai(this.clock.now()), ZONE).toDate();
    const to = q.to ? dayjs.tz(q.to, ZONE).add(1, 'day').toDate() : null;
    const rows = await this.repo.findPage(this.dataSource.manager, {
      subtree: org ? await this.orgs.subtree(org) : null,
      from,
      to,
      memberId: q.mine ? actor!.memberId! : undefined,
      after: decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']),
      limit,
    });
    const page = toPage(rows, limit, (r) => r, (r) => [r.starts_key, r.id]);
    const mine = actor?.memberId ? await this.repo.findSignups(this.dataSource.manager, actor.memberId, page.items.map((a) => a.id)) : [];
    const byId = new Map(mine.map((s) => [s.activity_id, s]));
    return { items: page.items.map((a) => toActivity(a, { mySignup: actor?.memberId ? (byId.get(a.id) ?? null) : undefined })), nextCursor: page.nextCursor };
  }

  async get(actor: Actor | null, id: string): Promise<Activity> {
    const a = await this.find(id);
    const db = this.dataSource.manager;
    const mySignup = actor?.memberId ? ((await this.repo.findSignups(db, actor.memberId, [id]))[0] ?? null) : undefined;
    const participants = this.orgs.isStaffOf(actor, { path: a.org_path }) ? await this.repo.findParticipants(db, id) : undefined;
    return toActivity(a, { mySignup, participants });
  }

  // ---- signing up ----------------------------------------------------------------------------

  /**
   * Members with an active report to a community over the activity's organisation, and members of
   * the organisation's subtree. The sign-up row and the place are taken in one transaction: when
   * the place is refused (full, or started meanwhile) the sign-up rolls back with it.
   */
  async signUp(actor: Actor, id: string): Promise<Activity> {
    const memberId = actor.memberId!;
    const a = await this.find(id);
    await this.assertMaySignUp(actor, a);
    const now = this.clock.now();
    if (a.starts_at <= now) throw conflict(ErrorCode.ACTIVITY_STARTED, '活动已开始，不能再报名');
    await this.dataSource.transaction(async (db) => {
      if (!(await this.repo.insertSignup(db, id, memberId))) throw conflict(ErrorCode.ALREADY_SIGNED_UP, '您已报名该活动');
      if (!(await this.repo.takePlace(db, id, now))) {
        const fresh = (await this.repo.findById(db, id))!;
        if (fresh.starts_at <= now) throw conflict(ErrorCode.ACTIVITY_STARTED, '活动已开始，不能再报名');
        throw conflict(ErrorCode.ACTIVITY_FULL, `名额已满（${fresh.capacity} 人）`);
      }
    });
    return this.get(actor, id);
  }

  async cancel(actor: Actor, id: string): Promise<Activity> {
    const a = await this.find(id);
    const now = this.clock.now();
    const cancelled = await this.dataSource.transaction((db) => this.repo.cancelSignup(db, id, actor.memberId!, now));
    if (!cancelled) {
      if (!(await this.repo.isSignedUp(this.dataSource.manager, id, actor.memberId!))) throw notFound('报名');
      if (a.starts_at <= now) throw conflict(ErrorCode.ACTIVITY_STARTED, '活动已开始，不能取消报名');
      throw conflict(ErrorCode.ALREADY_CHECKED_IN, '您已签到，不能取消报名');
    }
    return this.get(actor, id);
  }

  // ---- the check-in code and attendance --------------------------------------------------------

  /** The organiser's rotating code: valid for this step and the next, renewed at the end of this one. */
  async checkinCode(actor: Actor, id: string): Promise<CheckinCode> {
    const a = await this.find(id);
    if (!this.orgs.isStaffOf(actor, { path: a.org_path })) throw forbidden('只有该组织的工作人员可以出示签到码');
    const step = stepAt(this.clock.now());
    return {
      code: issueCode(await this.checkinSecret(), id, step),
      expiresAt: stepStart(step + 2).toISOString(),
      refreshAt: stepStart(step + 1).toISOString(),
    };
  }

  async checkin(actor: Actor, id: string, dto: CheckinDto): Promise<Attendance> {
    const memberId = actor.memberId!;
    const a = await this.find(id);
    const now = this.clock.now();
    if (!(await this.repo.isSignedUp(this.dataSource.manager, id, memberId))) throw forbidden('您没有报名该活动');
    if (now.getTime() < a.starts_at.getTime() - CHECKIN_OPENS_BEFORE_MS || now > a.ends_at) {
      throw conflict(ErrorCode.CHECKIN_CLOSED, '签到时间为活动开始前 30 分钟至活动结束');
    }
    await this.assertCode(id, dto.code, now);
    if (a.lat != null && a.lng != null && a.radius_m != null) {
      if (!dto.location) throw badRequest('该活动需要定位签到', [{ field: 'location', message: '请允许获取位置后重试' }]);
      const d = distanceM(dto.location, { lat: a.lat, lng: a.lng });
      if (d > a.radius_m) throw conflict(ErrorCode.OUT_OF_RANGE, `您距活动地点约 ${Math.round(d)} 米，超出签到范围 ${a.radius_m} 米`);
    }
    const row = await this.repo.insertCheckin(this.dataSource.manager, id, memberId, now);
    if (!row) throw conflict(ErrorCode.ALREADY_CHECKED_IN, '您已签到');
    return this.toAttendance(row);
  }

  async checkout(actor: Actor, id: string, code: string): Promise<Attendance> {
    const memberId = actor.memberId!;
    const a = await this.find(id);
    const now = this.clock.now();
    const attendance = await this.repo.findAttendance(this.dataSource.manager, id, memberId);
    if (!attendance) {
      if (!(await this.repo.isSignedUp(this.dataSource.manager, id, memberId))) throw forbidden('您没有报名该活动');
      throw conflict(ErrorCode.NOT_CHECKED_IN, '您还没有签到，不能签退');
    }
    if (now.getTime() > a.ends_at.getTime() + CHECKOUT_CLOSES_AFTER_MS) throw conflict(ErrorCode.CHECKIN_CLOSED, '签退时间已过（活动结束后 2 小时内）');
    await this.assertCode(id, code, now);
    const minutes = overlapMinutes(attendance.checkin_at, now, a.starts_at, a.ends_at);
    const row = await this.repo.checkout(this.dataSource.manager, id, memberId, now, minutes);
    if (!row) throw conflict(ErrorCode.ALREADY_CHECKED_OUT, '您已签退');
    return this.toAttendance(row);
  }

  /**
   * Staff confirm the minutes. Without `minutes` the computed overlap is confirmed; other minutes
   * (or any minutes for a member who did not check out) are a correction: it needs a reason and is
   * recorded (who, when, from, to, why). Confirming again corrects the confirmed value.
   */
  async confirm(actor: Actor, id: string, memberId: string, dto: ConfirmAttendanceDto): Promise<AttendanceConfirmation> {
    const a = await this.find(id);
    if (!this.orgs.isStaffOf(actor, { path: a.org_path })) throw forbidden('只有该组织的工作人员可以确认时长');
    const maxMinutes = Math.floor((a.ends_at.getTime() - a.starts_at.getTime()) / 60_000);
    if (dto.minutes !== undefined && dto.minutes > maxMinutes) {
      throw badRequest(`时长不能超过活动时长 ${maxMinutes} 分钟`, [{ field: 'minutes', message: `最多 ${maxMinutes}` }]);
    }
    const result = await this.dataSource.transaction(async (db) => {
      const t = await this.repo.lockAttendance(db, id, memberId);
      if (!t) throw conflict(ErrorCode.NOT_CHECKED_IN, '该党员没有签到，不能确认时长');
      const current = t.confirmed_at ? t.minutes : t.computed_minutes;
      const minutes = dto.minutes ?? current;
      if (minutes == null) {
        throw badRequest('该党员未签退：请填写时长和原因', [{ field: 'minutes', message: '未签退时必须填写时长' }]);
      }
      const corrected = minutes !== current;
      if (corrected && !dto.reason) throw badRequest('修改时长需要填写原因', [{ field: 'reason', message: '修改时长时必填' }]);
      await this.repo.confirm(db, id, memberId, minutes, actor.userId);
      if (corrected) await this.repo.insertCorrection(db, { activityId: id, memberId, from: current, to: minutes, reason: dto.reason!, by: actor.userId });
      if (!t.confirmed_at || corrected) await this.notifyConfirmed(db, a, memberId, minutes);
      return { memberId, minutes, confirmed: true as const, corrected };
    });
    return result;
  }

  // ---- reminders -----------------------------------------------------------------------------

  /**
   * The day-before reminder: everyone signed up to an activity starting 24 to 25 hours from `now`
   * (hourly runs cover every start), and anything starting sooner that an earlier run missed (e.g.
   * signed up late) as long as it has not started. Exactly once per member and activity: the dedupe
   * key of the outbox row, so two instances running it at once write one notification.
   */
  async sendReminders(now: Date = this.clock.now()): Promise<{ queued: number }> {
    const rows = await this.repo.findSignupsStartingBetween(this.dataSource.manager, now, new Date(now.getTime() + 25 * 3600_000));
    let queued = 0;
    for (const r of rows) {
      const id = await this.notifications.enqueue(
        this.dataSource.manager,
        serviceNotification({
          userId: r.user_id,
          subject: r.title,
          event: '活动提醒',
          note: `${fmt(r.starts_at)} 在${r.place}，请准时参加并扫码签到`,
          page: pageLink(Pages.serviceActivity, { id: r.activity_id }),
          dedupeKey: `activity-reminder:${r.activity_id}:${r.member_id}`,
          time: dayjs(r.starts_at).tz(ZONE).format('YYYY-MM-DD HH:mm'),
        }),
      );
      if (id) queued++;
    }
    if (queued) this.logger.log(`queued ${queued} activity reminders`);
    return { queued };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async find(id: string): Promise<ActivityRow> {
    const a = await this.repo.findById(this.dataSource.manager, id);
    if (!a) throw notFound('活动');
    return a;
  }

  private async assertMaySignUp(actor: Actor, a: ActivityRow): Promise<void> {
    const memberOrg = actor.memberOrgId ? await this.orgs.find(actor.memberOrgId) : null;
    if (memberOrg && memberOrg.path.startsWith(a.org_path)) return;
    if (await this.reports.hasActiveReportCovering(this.dataSource.manager, actor.memberId!, a.org_path)) return;
    throw forbidden('仅限向该社区报到（已通过）的党员或本组织党员报名');
  }

  private async assertCode(activityId: string, code: string, now: Date): Promise<void> {
    const check = verifyCode(await this.checkinSecret(), activityId, code, now);
    if (check.ok) return;
    if (check.reason === 'expired') throw conflict(ErrorCode.CODE_EXPIRED, `签到码已过期（每 ${STEP_SECONDS} 秒更新），请扫描最新的签到码`);
    throw new AppError(400, ErrorCode.CODE_INVALID, '签到码无效：不是本活动的签到码');
  }

  private checkinSecret(): Promise<string> {
    if (!this.secret) {
      this.secret = this.repo.loadOrCreateCheckinSecret(this.dataSource.manager);
      this.secret.catch(() => (this.secret = null));
    }
    return this.secret;
  }

  private toAttendance(t: AttendanceRow): Attendance {
    return {
      activityId: t.activity_id,
      memberId: t.member_id,
      checkinAt: t.checkin_at.toISOString(),
      checkoutAt: t.checkout_at ? t.checkout_at.toISOString() : null,
      minutes: t.confirmed_at ? t.minutes : t.computed_minutes,
      confirmed: t.confirmed_at !== null,
    };
  }

  private async notifyConfirmed(db: Db, a: ActivityRow, memberId: string, minutes: number): Promise<void> {
    const userId = await this.repo.findMemberUserId(db, memberId);
    if (!userId) return;
    await this.notifications.enqueue(
      db,
      serviceNotification({
        userId,
        subject: a.title,
        event: '时长已确认',
        note: `服务时长 ${minutes} 分钟已确认`,
        page: pageLink(Pages.serviceRecord),
        dedupeKey: `attendance-confirmed:${a.id}:${memberId}:${minutes}`,
      }),
    );
  }
}
