import { Injectable } from '@nestjs/common';
import { ErrorCode, type MonthlyActivity, type OrgStats, type Ranking, type RankingSettings, type RankingWeights } from '@xianfeng/shared';
import dayjs from 'dayjs';
import { Logger } from '@nestjs/common';
import { PassThrough, type Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CommitmentsLedger } from '../commitments/commitments.ledger.js';
import type { LedgerSheet } from '../common/ledger.js';
import { loggableError } from '../common/logging.js';
import { GreetingsLedger } from '../greetings/greetings.ledger.js';
import { MembersLedger } from '../members/members.ledger.js';
import { WishesLedger } from '../wishes/wishes.ledger.js';
import { writeLedger } from './ledger-writer.js';
import { AppError } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { byWeightKey, DEFAULT_WEIGHTS, figuresOf, rank } from './ranking.js';
import type { RankingSettingsDto } from './stats.dto.js';
import { StatsRepository, type MetricSums, type PeriodBounds } from './stats.repository.js';

/** The longest period the monthly chart covers, in months. */
const MAX_CHART_MONTHS = 36;

export function toStats(orgId: string, p: PeriodBounds, sums: MetricSums): OrgStats {
  const n = (metric: string) => sums.get(metric)?.n ?? 0;
  const reviews = sums.get('reviews');
  return {
    orgId,
    from: p.from,
    to: p.to,
    members: n('members'),
    commitments: { published: n('commitments_published'), fulfilled: n('commitments_fulfilled') },
    wishes: { posted: n('wishes_posted'), open: n('wishes_open'), claimed: n('wishes_claimed'), fulfilled: n('wishes_fulfilled'), confirmed: n('wishes_confirmed') },
    greetings: { sent: n('greetings_sent') },
    reviews: { count: reviews?.n ?? 0, average: reviews?.n ? Math.round((reviews.total / reviews.n) * 100) / 100 : null },
    serviceMinutes: n('service_minutes'),
    deeds: n('deeds'),
  };
}

@Injectable()
export class StatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: StatsRepository,
    private readonly orgs: OrgDirectory,
    members: MembersLedger,
    commitments: CommitmentsLedger,
    wishes: WishesLedger,
    greetings: GreetingsLedger,
  ) {
    this.sheets = [members, commitments, wishes, greetings];
  }

  /** The ledger's sheets after the summary, in order; each feature streams its own rows. */
  private readonly sheets: LedgerSheet[];
  private readonly logger = new Logger('Ledger');

  /**
   * Staff of the organisation or above: the work ledger for the period, as an .xlsx stream. Who may
   * read it is decided before the first byte; a failure after that ends the download short (the
   * client sees a broken file, not a silently partial one).
   */
  async ledger(actor: Actor, orgId: string, q: { from?: string; to?: string }): Promise<{ orgName: string; stream: Readable }> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const p = period(q);
    const db = this.dataSource.manager;
    const [orgIds, sums] = await Promise.all([this.orgs.subtreeIds(org, db), this.repo.sumsForOrgs(db, [org.id], p)]);
    const stream = new PassThrough();
    writeLedger(stream, { orgName: org.name, orgIds, period: p, stats: toStats(org.id, p, sums.get(org.id)!), sheets: this.sheets }).catch((err: unknown) => {
      this.logger.error({ err: loggableError(err) }, 'ledger export failed');
      stream.destroy(err instanceof Error ? err : new Error('ledger export failed'));
    });
    return { orgName: org.name, stream };
  }

  /** Public: counts only, over the subtree. */
  async stats(orgId: string, q: { from?: string; to?: string }): Promise<OrgStats> {
    const org = await this.orgs.get(orgId);
    const p = period(q);
    const sums = await this.repo.sumsForOrgs(this.dataSource.manager, [org.id], p);
    return toStats(org.id, p, sums.get(org.id)!);
  }

  /** Public: the subtree's activity per month of the period (default: the last 12 months). */
  async monthly(orgId: string, q: { from?: string; to?: string }): Promise<MonthlyActivity> {
    const org = await this.orgs.get(orgId);
    const to = q.to ?? todayInShanghai();
    const from = q.from ?? dayjs(to).subtract(11, 'month').startOf('month').format('YYYY-MM-DD');
    period({ from, to });
    if (dayjs(to).diff(dayjs(from), 'month') >= MAX_CHART_MONTHS) {
      throw new AppError(400, ErrorCode.VALIDATION_FAILED, `图表最多 ${MAX_CHART_MONTHS} 个月`, [{ field: 'from', message: `最多 ${MAX_CHART_MONTHS} 个月` }]);
    }
    const rows = await this.repo.monthlySums(this.dataSource.manager, org.id, { from, to });
    const months: MonthlyActivity['months'] = [];
    for (let m = dayjs(from).startOf('month'); !m.isAfter(dayjs(to), 'month'); m = m.add(1, 'month')) {
      const key = m.format('YYYY-MM');
      const get = (metric: string) => rows.find((r) => r.month === key && r.metric === metric)?.n ?? 0;
      months.push({ month: key, commitmentsFulfilled: get('commitments_fulfilled'), wishesFulfilled: get('wishes_fulfilled'), greetingsSent: get('greetings_sent'), serviceMinutes: get('service_minutes') });
    }
    return { orgId: org.id, months };
  }

  /** Staff of the organisation or above: its children ranked for the period. */
  async ranking(actor: Actor, orgId: string, q: { from?: string; to?: string }): Promise<Ranking> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const p = period(q);
    const db = this.dataSource.manager;
    const children = await this.orgs.children(org, db);
    const sums = await this.repo.sumsForOrgs(db, children.map((c) => c.id), p);
    const { weights } = await this.governingWeights(org.id, org.path);
    const items = rank(children.map((c) => ({ orgId: c.id, name: c.name, figures: figuresOf(toStats(c.id, p, sums.get(c.id)!)) })), weights);
    return { orgId: org.id, from: p.from, to: p.to, weights, items };
  }

  async getSettings(actor: Actor, orgId: string): Promise<RankingSettings> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const { weights, from } = await this.governingWeights(org.id, org.path);
    return { orgId: org.id, weights, inheritedFrom: from };
  }

  async putSettings(actor: Actor, orgId: string, dto: RankingSettingsDto): Promise<RankingSettings> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const weights = byWeightKey((k) => dto.weights[k]);
    await this.repo.upsertWeights(this.dataSource.manager, org.id, { ...weights }, actor.userId);
    return { orgId: org.id, weights, inheritedFrom: null };
  }

  private async governingWeights(orgId: string, path: string): Promise<{ weights: RankingWeights; from: string | null }> {
    const row = await this.repo.findGoverningWeights(this.dataSource.manager, path);
    if (!row) return { weights: DEFAULT_WEIGHTS, from: null };
    const weights = byWeightKey((k) => Number(row.weights[k] ?? 0));
    return { weights, from: row.org_id === orgId ? null : row.org_id };
  }
}

/** The period of a query: both ends optional, `from` not after `to`. */
export function period(q: { from?: string; to?: string }): PeriodBounds {
  const p = { from: q.from ?? null, to: q.to ?? null };
  if (p.from && p.to && p.from > p.to) {
    throw new AppError(400, ErrorCode.VALIDATION_FAILED, '开始日期不能晚于结束日期', [{ field: 'from', message: '不能晚于 to' }]);
  }
  return p;
}
