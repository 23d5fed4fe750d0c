import { Injectable } from '@nestjs/common';
import { CommitmentOwnerTypeLabels, CommitmentStatusLabels, ReviewKindLabels, type ReviewKind } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { keysetPages, LedgerSheet, type LedgerColumn, type LedgerPeriod } from '../common/ledger.js';
import { CommitmentsRepository } from './commitments.repository.js';

/** 承诺: commitments with a step in the period, with their reviews (never the reviewer). */
@Injectable()
export class CommitmentsLedger extends LedgerSheet {
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

  async *rows(orgIds: string[], period: LedgerPeriod): AsyncIterable<Record<string, unknown>> {
    const db = this.dataSource.manager;
    const page = (after: [string, string] | null, size: number) => this.repo.findLedgerPage(db, orgIds, period, after, size);
    for await (const c of keysetPages(page, (c) => [c.created_key, c.id] as [string, string])) {
      yield {
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
}
