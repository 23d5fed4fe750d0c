import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  type BatchGreetingResult,
  type Greeting,
  type GreetingKind,
  type GreetingSettings,
  type Occasion,
  type OccasionKind,
  type Page,
} from '@xianfeng/shared';
import dayjs from 'dayjs';
import { DataSource } from 'typeorm';
import { AppError, badRequest, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai, ZONE } from '../common/dates.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import type { Db } from '../database/db.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { greetingNotification } from '../notifications/templates.js';
import type { BatchGreetingDto, GreetingSettingsDto, SendGreetingDto } from './greetings.dto.js';
import { earlySendRefusal, governing, KIND_LABELS, renderTemplate, templateFor, unknownPlaceholders, type OrgTemplates } from './greeting-templates.js';
import { toGreeting } from './greeting.mapper.js';
import { GreetingsRepository, type GreetingMemberRow, type GreetingRow } from './greetings.repository.js';
import { anniversariesInRange, anniversaryIn, daysInclusive, monthDaysInRange } from './occasions.js';

@Injectable()
export class GreetingsService implements OnModuleInit {
  private readonly logger = new Logger(GreetingsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: GreetingsRepository,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit(): void {
    // Every minute: greetings for today's occasions whose organisation's hour has come (and any
    // missed earlier today while the service was down). pg-boss runs each tick on one instance only;
    // the unique (member, kind, year) keeps it once even if two ticks overlap.
    this.jobs.register('greetings-daily', '* * * * *', () => this.runDaily().then(() => undefined));
  }

  async occasions(actor: Actor, orgId: string, from: string, to: string): Promise<Occasion[]> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    if (to < from) throw badRequest('结束日期不能早于开始日期', [{ field: 'to', message: 'to 必须不早于 from' }]);
    if (daysInclusive(from, to) > 366) throw badRequest('日期范围最长 366 天', [{ field: 'to', message: '日期范围最长 366 天' }]);
    const mds = monthDaysInRange(from, to);
    const rows = await this.repo.findMembersWithOccasionOn(this.dataSource.manager, org.path, mds);
    const out: Occasion[] = [];
    for (const m of rows) {
      const sources: Array<[OccasionKind, string | null]> = [
        ['birthday', m.birthday],
        ['political_birthday', m.joined_party_on],
        ['work_anniversary', m.work_started_on],
      ];
      for (const [kind, original] of sources) {
        if (!original) continue;
        for (const a of anniversariesInRange(original, from, to)) {
          out.push({ memberId: m.id, name: m.name, orgId: m.org_id, orgName: m.org_name, kind, on: a.on, years: a.years, bound: m.user_id !== null, greeting: null });
        }
      }
    }
    const greeted = await this.repo.findSentTo(this.dataSource.manager, [...new Set(out.map((o) => o.memberId))]);
    const byKey = new Map(greeted.map((g) => [`${g.member_id}|${g.kind}|${g.year}`, g]));
    for (const o of out) {
      const g = byKey.get(`${o.memberId}|${o.kind}|${o.on.slice(0, 4)}`);
      if (g) o.greeting = { id: g.id, sentAt: g.sent_at.toISOString() };
    }
    const order: Record<OccasionKind, number> = { political_birthday: 0, birthday: 1, work_anniversary: 2 };
    return out.sort((a, b) => a.on.localeCompare(b.on) || order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh-CN'));
  }

  async settings(actor: Actor, orgId: string): Promise<GreetingSettings> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const s = governing(await this.repo.findAllSettings(this.dataSource.manager), org.path);
    return {
      orgId,
      templates: { birthday: templateFor(s, 'birthday'), political_birthday: templateFor(s, 'political_birthday') },
      autoSend: s?.auto_send ?? false,
      sendHour: s?.send_hour ?? 9,
      inheritedFrom: s && s.org_id !== orgId ? s.org_id : null,
    };
  }

  async putSettings(actor: Actor, orgId: string, dto: GreetingSettingsDto): Promise<GreetingSettings> {
    const current = await this.settings(actor, orgId);
    const templates = { ...current.templates, ...dto.templates };
    const details = unknownPlaceholders(templates);
    if (details.length) throw badRequest('模板有误', details);
    await this.repo.upsertSettings(this.dataSource.manager, orgId, {
      birthdayTemplate: templates.birthday,
      politicalBirthdayTemplate: templates.political_birthday,
      autoSend: dto.autoSend ?? current.autoSend,
      sendHour: dto.sendHour ?? current.sendHour,
      updatedBy: actor.userId,
    });
    return this.settings(actor, orgId);
  }

  /**
   * Creates the greeting for this year's occasion and its notification, in one transaction. The
   * unique (member, kind, year) makes a second attempt — by hand, in a batch, by the daily job, on
   * another instance — fail with GREETING_ALREADY_SENT instead of greeting twice.
   */
  private async createGreeting(
    db: Db,
    m: GreetingMemberRow,
    kind: GreetingKind,
    o: { today: string; sentBy: string | null; message?: string; settings: OrgTemplates[] },
  ): Promise<GreetingRow> {
    const year = Number(o.today.slice(0, 4));
    const original = kind === 'birthday' ? m.birthday : m.joined_party_on;
    const years = year - Number(original.slice(0, 4));
    if (years < 1) throw badRequest('今年还没有这个纪念日', [{ field: 'kind', message: '入党/出生未满一年' }]);
    const occasionOn = anniversaryIn(original, year);
    const message = o.message ?? renderTemplate(templateFor(governing(o.settings, m.path), kind), { name: m.name, years, org: m.org_name, on: occasionOn });
    const early = earlySendRefusal(message, occasionOn, o.today);
    if (early) throw badRequest(early, [{ field: o.message ? 'message' : 'kind', message: early }]);
    const row = await this.repo.insertOncePerYear(db, {
      memberId: m.id,
      memberName: m.name,
      kind,
      year,
      occasionOn,
      years,
      message,
      orgId: m.org_id,
      orgName: m.org_name,
      sentBy: o.sentBy,
    });
    if (!row) throw new AppError(409, ErrorCode.GREETING_ALREADY_SENT, `${m.name}今年的${KIND_LABELS[kind]}已经发送过了`);
    if (m.user_id) {
      await this.notifications.enqueue(
        db,
        greetingNotification({ userId: m.user_id, greetingId: row.id, kindLabel: KIND_LABELS[kind], memberName: m.name, occasionOn, message }),
      );
    }
    return row;
  }

  private async memberRow(memberId: string): Promise<GreetingMemberRow> {
    const m = await this.repo.findMember(this.dataSource.manager, memberId);
    if (!m) throw notFound('党员');
    return m;
  }

  async send(actor: Actor, dto: SendGreetingDto): Promise<Greeting> {
    const m = await this.memberRow(dto.memberId);
    if (!this.orgs.isStaffOf(actor, m)) throw new AppError(403, ErrorCode.FORBIDDEN, '您不是该党员所在组织的工作人员');
    const settings = await this.repo.findAllSettings(this.dataSource.manager);
    const row = await this.dataSource.transaction((db) =>
      this.createGreeting(db, m, dto.kind, { today: todayInShanghai(), sentBy: actor.userId, message: dto.message, settings }),
    );
    return toGreeting(row);
  }

  /** Each item on its own: one bad item does not stop the rest. */
  async batch(actor: Actor, dto: BatchGreetingDto): Promise<BatchGreetingResult> {
    const results: BatchGreetingResult['results'] = [];
    for (const item of dto.items) {
      try {
        const g = await this.send(actor, item);
        results.push({ memberId: item.memberId, kind: item.kind, status: 'sent', greetingId: g.id });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ memberId: item.memberId, kind: item.kind, status: 'error', code: err.code, message: err.message });
      }
    }
    return { results };
  }

  async mine(actor: Actor, limit: number, cursor?: string): Promise<Page<Greeting>> {
    const after = decodeCursor<[string, string]>(cursor, ['timestamp', 'uuid']);
    const rows = await this.repo.findPageForMember(this.dataSource.manager, actor.memberId, limit, after);
    return toPage(rows, limit, toGreeting, (r) => [r.cursor_at, r.id]);
  }

  async markRead(actor: Actor, id: string): Promise<Greeting> {
    if (!(await this.repo.markReadIfMemberOwns(this.dataSource.manager, id, actor.memberId))) throw notFound('贺卡');
    const row = await this.repo.findById(this.dataSource.manager, id);
    if (!row) throw notFound('贺卡');
    return toGreeting(row);
  }

  /**
   * The daily job. Finds today's (Asia/Shanghai) birthdays and political birthdays through the md()
   * indexes, keeps those whose governing settings have auto-send on and whose hour has come, skips
   * those already greeted, and greets the rest — each in its own transaction with its notification.
   */
  async runDaily(now: Date = new Date()): Promise<{ candidates: number; sent: number }> {
    const local = dayjs(now).tz(ZONE);
    const today = local.format('YYYY-MM-DD');
    const hour = local.hour();
    const settings = await this.repo.findAllSettings(this.dataSource.manager);
    const due = settings.filter((s) => s.auto_send && s.send_hour <= hour);
    if (due.length === 0) return { candidates: 0, sent: 0 };
    const mds = monthDaysInRange(today, today);
    const year = Number(today.slice(0, 4));
    const rows = await this.repo.findUngreetedOn(this.dataSource.manager, mds, year);
    let sent = 0;
    for (const r of rows) {
      const s = governing(settings, r.path);
      if (!s || !s.auto_send || s.send_hour > hour) continue;
      try {
        await this.dataSource.transaction((db) => this.createGreeting(db, r, r.kind, { today, sentBy: null, settings }));
        sent++;
      } catch (err) {
        if (err instanceof AppError && err.code === ErrorCode.GREETING_ALREADY_SENT) continue; // another instance got there first
        this.logger.error({ err, memberId: r.id, kind: r.kind }, 'daily greeting failed');
      }
    }
    if (sent) this.logger.log(`daily greetings: ${sent} sent for ${today}`);
    return { candidates: rows.length, sent };
  }
}
