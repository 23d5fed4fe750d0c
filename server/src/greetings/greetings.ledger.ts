import { Injectable } from '@nestjs/common';
import { GreetingKindLabels } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { keysetPages, LedgerSheet, type LedgerColumn, type LedgerPeriod } from '../common/ledger.js';
import { GreetingsRepository } from './greetings.repository.js';

/** 政治生日: greetings sent in the period. */
@Injectable()
export class GreetingsLedger extends LedgerSheet {
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

  async *rows(orgIds: string[], period: LedgerPeriod): AsyncIterable<Record<string, unknown>> {
    const db = this.dataSource.manager;
    const page = (after: [string, string] | null, size: number) => this.repo.findLedgerPage(db, orgIds, period, after, size);
    for await (const g of keysetPages(page, (g) => [g.sent_key, g.id] as [string, string])) {
      yield { member: g.member_name, org: g.org_name, kind: GreetingKindLabels[g.kind], occasion: g.occasion_on, years: g.years, sentAt: g.sent_at };
    }
  }
}
