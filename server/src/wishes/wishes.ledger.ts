import { Injectable } from '@nestjs/common';
import { WishActionLabels, WishCategoryLabels, WishStatusLabels, type WishAction } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { PagedLedgerSheet, type LedgerColumn, type LedgerPeriod } from '../common/ledger.js';
import { WishesRepository, type WishLedgerRow } from './wishes.repository.js';

/** 微心愿: wishes with a step in the period, with their history; the wisher is never named. */
@Injectable()
export class WishesLedger extends PagedLedgerSheet<WishLedgerRow> {
  readonly name = '微心愿';
  readonly columns: LedgerColumn[] = [
    { header: '心愿', key: 'title', width: 30 },
    { header: '组织', key: 'org', width: 28 },
    { header: '类别', key: 'category', width: 10 },
    { header: '状态', key: 'status', width: 10 },
    { header: '发布时间', key: 'postedAt', width: 17, kind: 'datetime' },
    { header: '认领党员', key: 'claimant', width: 12 },
    { header: '认领时间', key: 'claimedAt', width: 17, kind: 'datetime' },
    { header: '完成时间', key: 'fulfilledAt', width: 17, kind: 'datetime' },
    { header: '确认时间', key: 'confirmedAt', width: 17, kind: 'datetime' },
    { header: '评分', key: 'rating', width: 6, kind: 'number' },
    { header: '经过', key: 'history', width: 40 },
  ];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: WishesRepository,
  ) {
    super();
  }

  protected page(orgIds: string[], period: LedgerPeriod, after: [string, string] | null, size: number): Promise<WishLedgerRow[]> {
    return this.repo.findLedgerPage(this.dataSource.manager, orgIds, period, after, size);
  }

  protected keyOf(w: WishLedgerRow): [string, string] {
    return [w.created_key, w.id];
  }

  protected toRow(w: WishLedgerRow): Record<string, unknown> {
    return {
        title: w.title,
        org: w.org_name,
        category: WishCategoryLabels[w.category],
        status: WishStatusLabels[w.status],
        postedAt: w.created_at,
        claimant: w.claimant_name ?? '',
        claimedAt: w.claimed_at,
        fulfilledAt: w.fulfilled_at,
        confirmedAt: w.confirmed_at,
        rating: w.rating,
        // "2026-03-01 09:30 claim" → "2026-03-01 09:30 认领"
        history: (w.history ?? '').replace(/ ([a-z_]+)$/gm, (_, a: string) => ` ${WishActionLabels[a as WishAction] ?? a}`),
      };
  }
}
