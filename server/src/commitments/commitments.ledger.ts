import { Injectable } from '@nestjs/common';
import { CommitmentOwnerTypeLabels, CommitmentStatusLabels, ReviewKindLabels, type ReviewKind } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { PagedLedgerSheet, type LedgerColumn, type LedgerPeriod } from '../common/ledger.js';
import { CommitmentsRepository, type CommitmentLedgerRow } from './commitments.repository.js';

/** 承诺: commitments with a step in the period, with their reviews (never the reviewer). */
@Injectable()
export class CommitmentsLedger extends PagedLedgerSheet<CommitmentLedgerRow> {
  readonly name = '承诺';
  readonly columns: LedgerColumn[] = [
    { header: '承诺', key: 'title', width: 30 },
    { header: '组织', key: 'org', width: 28 },
    { header: '承诺方', key: 'owner', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '截止日期', key: 'due', width: 12, kind: 'date' },
    { header: '创建时间', key: 'createdAt', width: 17, kind: 'datetime' },
    { header: '发布时间', key: 'publishedAt', width: 17, kind: 'datetime' },
    { header: '践诺时间', key: 'fulfilledAt', width: 17, kind: 'datetime' },
    { header: '评议数', key: 'reviewCount', width: 8, kind: 'number' },
    { header: '评议均分', key: 'reviewAverage', width: 10, kind: 'number' },
    { header: '评议', key: 'reviews', width: 40 },
  ];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: CommitmentsRepository,
  ) {
    super();
  }

  protected page(orgIds: string[], period: LedgerPeriod, after: [string, string] | null, size: number): Promise<CommitmentLedgerRow[]> {
    return this.repo.findLedgerPage(this.dataSource.manager, orgIds, period, after, size);
  }

  protected keyOf(c: CommitmentLedgerRow): [string, string] {
    return [c.created_key, c.id];
  }

  protected toRow(c: CommitmentLedgerRow): Record<string, unknown> {
    return {
        title: c.title,
        org: c.org_name,
        owner: c.owner_name ?? CommitmentOwnerTypeLabels[c.owner_type],
        status: CommitmentStatusLabels[c.status],
        due: c.due_on,
        createdAt: c.created_at,
        publishedAt: c.published_at,
        fulfilledAt: c.fulfilled_at,
        reviewCount: c.review_count,
        reviewAverage: c.review_average,
        // "public 4 很好" → "群众评议 4 很好"
        reviews: (c.reviews ?? '').replace(/^([a-z]+) /gm, (_, k: string) => `${ReviewKindLabels[k as ReviewKind] ?? k} `),
      };
  }
}
