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
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, badRequest, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai, ZONE } from '../common/dates.js';
import { cursorTimestamp, decodeCursor, toPage } from '../common/pagination.js';
import { returning } from '../common/sql.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { greetingNotification } from '../notifications/templates.js';
import type { BatchGreetingDto, GreetingSettingsDto, SendGreetingDto } from './greetings.dto.js';
import { anniversariesInRange, anniversaryIn, daysInclusive, monthDaysInRange } from './occasions.js';

export const DEFAULT_TEMPLATES: GreetingSettings['templates'] = {
  birthday: '{name}同志：今天是您的生日，{org}全体党员祝您生日快乐、身体健康、工作顺利！',
  political_birthday: '{name}同志：今天是您的政治生日。{years}年前的今天，您在党旗下庄严宣誓。{org}祝您政治生日快乐，不忘初心、牢记使命！',
};
export const KIND_LABELS: Record<GreetingKind, string> = { birthday: '生日祝福', political_birthday: '政治生日祝福' };
const PLACEHOLDER_RE = /\{([^{}]*)\}/g;
const PLACEHOLDERS = new Set(['name', 'years', 'org']);

export function renderTemplate(template: string, v: { name: string; years: number; org: string }): string {
  return template.replace(PLACEHOLDER_RE, (all, key: string) => (key === 'name' ? v.name : key === 'years' ? String(v.years) : key === 'org' ? v.org : all));
}

interface MemberRow {
  id: string;
  name: string;
  user_id: string | null;
  org_id: string;
  org_name: string;
  path: string;
  birthday: string;
  joined_party_on: string;
}

interface SettingsRow {
  org_id: string;
  path: string;
  birthday_template: string;
  political_birthday_template: string;
  auto_send: boolean;
  send_hour: number;
}

interface GreetingRow {
  id: string;
  member_id: string;
  member_name: string;
  kind: GreetingKind;
  occasion_on: string;
  years: number;
  message: string;
  org_name: string;
  sent_at: Date;
  read_at: Date | null;
  cursor_at?: string;
}

const toGreeting = (r: GreetingRow): Greeting => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.member_name,
  kind: r.kind,
  occasionOn: r.occasion_on,
  years: r.years,
  message: r.message,
  orgName: r.org_name,
  sentAt: r.sent_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

const MEMBER_COLUMNS = `m.id, m.name, m.user_id, m.org_id, o.name AS org_name, o.path, m.birthday, m.joined_party_on`;

/** The nearest settings up the tree govern a member (an organisation without its own inherits). */
function governing(settings: SettingsRow[], path: string): SettingsRow | null {
  let best: SettingsRow | null = null;
  for (const s of settings) if (path.startsWith(s.path) && (!best || s.path.length > best.path.length)) best = s;
  return best;
}

@Injectable()
export class GreetingsService implements OnModuleInit {
  private readonly logger = new Logger(GreetingsService.name);

  constructor(
    private readonly dataSource: DataSource,
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
    const rows: Array<MemberRow & { work_started_on: string | null }> = await this.dataSource.query(
      `SELECT ${MEMBER_COLUMNS}, m.work_started_on FROM member m JOIN org o ON o.id = m.org_id
        WHERE o.path LIKE $1 || '%'
          AND (md(m.birthday) = ANY($2) OR md(m.joined_party_on) = ANY($2) OR md(m.work_started_on) = ANY($2))`,
      [org.path, mds],
    );
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
    const greeted: Array<{ id: string; member_id: string; kind: string; year: number; sent_at: Date }> = out.length
      ? await this.dataSource.query(`SELECT id, member_id, kind, year, sent_at FROM greeting WHERE member_id = ANY($1)`, [[...new Set(out.map((o) => o.memberId))]])
      : [];
    const byKey = new Map(greeted.map((g) => [`${g.member_id}|${g.kind}|${g.year}`, g]));
    for (const o of out) {
      const g = byKey.get(`${o.memberId}|${o.kind}|${o.on.slice(0, 4)}`);
      if (g) o.greeting = { id: g.id, sentAt: g.sent_at.toISOString() };
    }
    const order: Record<OccasionKind, number> = { political_birthday: 0, birthday: 1, work_anniversary: 2 };
    return out.sort((a, b) => a.on.localeCompare(b.on) || order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh-CN'));
  }

  private async loadSettings(manager: EntityManager = this.dataSource.manager): Promise<SettingsRow[]> {
    return manager.query(
      `SELECT s.org_id, o.path, s.birthday_template, s.political_birthday_template, s.auto_send, s.send_hour
         FROM greeting_settings s JOIN org o ON o.id = s.org_id`,
    );
  }

  async settings(actor: Actor, orgId: string): Promise<GreetingSettings> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const s = governing(await this.loadSettings(), org.path);
    return {
      orgId,
      templates: s ? { birthday: s.birthday_template, political_birthday: s.political_birthday_template } : { ...DEFAULT_TEMPLATES },
      autoSend: s?.auto_send ?? false,
      sendHour: s?.send_hour ?? 9,
      inheritedFrom: s && s.org_id !== orgId ? s.org_id : null,
    };
  }

  async putSettings(actor: Actor, orgId: string, dto: GreetingSettingsDto): Promise<GreetingSettings> {
    const current = await this.settings(actor, orgId);
    const templates = { ...current.templates, ...dto.templates };
    const details = Object.entries(templates).flatMap(([kind, text]) =>
      [...text.matchAll(PLACEHOLDER_RE)]
        .filter((m) => !PLACEHOLDERS.has(m[1]))
        .map((m) => ({ field: `templates.${kind}`, message: `未知占位符 ${m[0]}：只能用 {name} {years} {org}` })),
    );
    if (details.length) throw badRequest('模板有误', details);
    await this.dataSource.query(
      `INSERT INTO greeting_settings (org_id, birthday_template, political_birthday_template, auto_send, send_hour, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id) DO UPDATE SET birthday_template = $2, political_birthday_template = $3, auto_send = $4, send_hour = $5,
         updated_by = $6, updated_at = now()`,
      [orgId, templates.birthday, templates.political_birthday, dto.autoSend ?? current.autoSend, dto.sendHour ?? current.sendHour, actor.userId],
    );
    return this.settings(actor, orgId);
  }

  /**
   * Creates the greeting for this year's occasion and its notification, in one transaction. The
   * unique (member, kind, year) makes a second attempt — by hand, in a batch, by the daily job, on
   * another instance — fail with GREETING_ALREADY_SENT instead of greeting twice.
   */
  private async createGreeting(
    manager: EntityManager,
    m: MemberRow,
    kind: GreetingKind,
    o: { today: string; sentBy: string | null; message?: string; settings: SettingsRow[] },
  ): Promise<GreetingRow> {
    const year = Number(o.today.slice(0, 4));
    const original = kind === 'birthday' ? m.birthday : m.joined_party_on;
    const years = year - Number(original.slice(0, 4));
    if (years < 1) throw badRequest('今年还没有这个纪念日', [{ field: 'kind', message: '入党/出生未满一年' }]);
    const s = governing(o.settings, m.path);
    const template = kind === 'birthday' ? (s?.birthday_template ?? DEFAULT_TEMPLATES.birthday) : (s?.political_birthday_template ?? DEFAULT_TEMPLATES.political_birthday);
    const message = o.message ?? renderTemplate(template, { name: m.name, years, org: m.org_name });
    const occasionOn = anniversaryIn(original, year);
    const rows: GreetingRow[] = await manager.query(
      `INSERT INTO greeting (member_id, kind, year, occasion_on, years, message, org_id, org_name, sent_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (member_id, kind, year) DO NOTHING
       RETURNING id, member_id, $10::text AS member_name, kind, occasion_on, years, message, org_name, sent_at, read_at`,
      [m.id, kind, year, occasionOn, years, message, m.org_id, m.org_name, o.sentBy, m.name],
    );
    if (!rows[0]) throw new AppError(409, ErrorCode.GREETING_ALREADY_SENT, `${m.name}今年的${KIND_LABELS[kind]}已经发送过了`);
    if (m.user_id) {
      await this.notifications.enqueue(
        manager,
        greetingNotification({ userId: m.user_id, greetingId: rows[0].id, kindLabel: KIND_LABELS[kind], memberName: m.name, occasionOn, message }),
      );
    }
    return rows[0];
  }

  private async memberRow(memberId: string): Promise<MemberRow> {
    const [m]: MemberRow[] = await this.dataSource.query(`SELECT ${MEMBER_COLUMNS} FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`, [memberId]);
    if (!m) throw notFound('党员');
    return m;
  }

  async send(actor: Actor, dto: SendGreetingDto): Promise<Greeting> {
    const m = await this.memberRow(dto.memberId);
    if (!this.orgs.isStaffOf(actor, m)) throw new AppError(403, ErrorCode.FORBIDDEN, '您不是该党员所在组织的工作人员');
    const settings = await this.loadSettings();
    const row = await this.dataSource.transaction((manager) =>
      this.createGreeting(manager, m, dto.kind, { today: todayInShanghai(), sentBy: actor.userId, message: dto.message, settings }),
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
    const rows: GreetingRow[] = await this.dataSource.query(
      `SELECT g.id, g.member_id, m.name AS member_name, g.kind, g.occasion_on, g.years, g.message, g.org_name, g.sent_at, g.read_at,
              ${cursorTimestamp('g.sent_at')} AS cursor_at
         FROM greeting g JOIN member m ON m.id = g.member_id
        WHERE g.member_id = $1 ${after ? `AND (g.sent_at, g.id) < ($3::timestamptz, $4::uuid)` : ''}
        ORDER BY g.sent_at DESC, g.id DESC LIMIT $2`,
      after ? [actor.memberId, limit + 1, after[0], after[1]] : [actor.memberId, limit + 1],
    );
    return toPage(rows, limit, toGreeting, (r) => [r.cursor_at, r.id]);
  }

  async markRead(actor: Actor, id: string): Promise<Greeting> {
    const rows = await returning<{ id: string }>(
      this.dataSource.manager,
      `UPDATE greeting SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND member_id = $2 RETURNING id`,
      [id, actor.memberId],
    );
    if (!rows[0]) throw notFound('贺卡');
    const [row]: GreetingRow[] = await this.dataSource.query(
      `SELECT g.id, g.member_id, m.name AS member_name, g.kind, g.occasion_on, g.years, g.message, g.org_name, g.sent_at, g.read_at
         FROM greeting g JOIN member m ON m.id = g.member_id WHERE g.id = $1`,
      [id],
    );
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
    const settings = await this.loadSettings();
    const due = settings.filter((s) => s.auto_send && s.send_hour <= hour);
    if (due.length === 0) return { candidates: 0, sent: 0 };
    const mds = monthDaysInRange(today, today);
    const year = Number(today.slice(0, 4));
    const rows: Array<MemberRow & { kind: GreetingKind }> = await this.dataSource.query(
      `SELECT ${MEMBER_COLUMNS}, k.kind
         FROM member m JOIN org o ON o.id = m.org_id
         CROSS JOIN LATERAL (VALUES ('birthday', m.birthday), ('political_birthday', m.joined_party_on)) AS k(kind, original)
        WHERE (md(m.birthday) = ANY($1) OR md(m.joined_party_on) = ANY($1))
          AND md(k.original) = ANY($1)
          AND extract(year FROM k.original) < $2
          AND NOT EXISTS (SELECT 1 FROM greeting g WHERE g.member_id = m.id AND g.kind = k.kind AND g.year = $2)`,
      [mds, year],
    );
    let sent = 0;
    for (const r of rows) {
      const s = governing(settings, r.path);
      if (!s || !s.auto_send || s.send_hour > hour) continue;
      try {
        await this.dataSource.transaction((manager) => this.createGreeting(manager, r, r.kind, { today, sentBy: null, settings }));
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
