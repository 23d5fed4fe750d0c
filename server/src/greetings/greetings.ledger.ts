import { Injectable } from '@nestjs/common';
import { GreetingKindLabels } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { PagedLedgerSheet, type LedgerColumn, type LedgerPeriod } from '../common/ledger.js';
import { GreetingsRepository, type GreetingLedgerRow } from './greetings.repository.js';

/** 政治生日: greetings sent in the period. */
@Injectable()
export class GreetingsLedger extends PagedLedgerSheet<GreetingLedgerRow> {
  readonly name = '政治生日';
  readonly columns: LedgerColumn[] = [
    { header: '党员', key: 'member', width: 12 },
    { header: '组织', key: 'org', width: 28 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '日子', key: 'occasion', width: 12, kind: 'date' },
    { header: '年数', key: 'years', width: 6, kind: 'number' },
    { header: '发送时间', key: 'sentAt', width: 17, kind: 'datetime' },
  ];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: GreetingsRepository,
  ) {
    super();
  }

  protected page(orgIds: string[], period: LedgerPeriod, after: [string, string] | null, size: number): Promise<GreetingLedgerRow[]> {
    return this.repo.findLedgerPage(this.dataSource.manager, orgIds, period, after, size);
  }

  protected keyOf(g: GreetingLedgerRow): [string, string] {
    return [g.sent_key, g.id];
  }

  protected toRow(g: GreetingLedgerRow): Record<string, unknown> {
    return { member: g.member_name, org: g.org_name, kind: GreetingKindLabels[g.kind], occasion: g.occasion_on, years: g.years, sentAt: g.sent_at };
  }
}
