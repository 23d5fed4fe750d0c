import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PagedLedgerSheet, type LedgerColumn, type LedgerPeriod } from '../common/ledger.js';
import { RecordRepository, type ServiceLedgerRow } from './record.repository.js';

/** 社区服务: each confirmed service attendance and each confirmed deed of the subtree's members, by day. Never the beneficiary. */
@Injectable()
export class ServiceLedger extends PagedLedgerSheet<ServiceLedgerRow> {
  readonly name = '社区服务';
  readonly columns: LedgerColumn[] = [
    { header: '日期', key: 'day', width: 12, kind: 'date' },
    { header: '类别', key: 'kind', width: 10 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '所在组织', key: 'org', width: 28 },
    { header: '事项', key: 'title', width: 30 },
    { header: '服务社区', key: 'placeOrg', width: 24 },
    { header: '签到', key: 'checkin', width: 18, kind: 'datetime' },
    { header: '签退', key: 'checkout', width: 18, kind: 'datetime' },
    { header: '确认时长（分钟）', key: 'minutes', width: 16, kind: 'number' },
  ];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RecordRepository,
  ) {
    super();
  }

  protected page(orgIds: string[], period: LedgerPeriod, after: [string, string] | null, size: number): Promise<ServiceLedgerRow[]> {
    return this.repo.findLedgerPage(this.dataSource.manager, orgIds, period, after, size);
  }

  protected keyOf(r: ServiceLedgerRow): [string, string] {
    return [r.day, r.row_key];
  }

  protected toRow(r: ServiceLedgerRow): Record<string, unknown> {
    return {
      day: r.day,
      kind: r.kind === 'activity' ? '服务活动' : '办实事',
      name: r.member_name,
      org: r.org_name,
      title: r.title,
      placeOrg: r.place_org ?? '',
      checkin: r.checkin_at,
      checkout: r.checkout_at,
      minutes: r.minutes,
    };
  }
}
