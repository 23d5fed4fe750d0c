import { Injectable } from '@nestjs/common';
import { GenderLabels, MemberStatusLabels, PostKindLabels } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { PagedLedgerSheet, type LedgerColumn, type LedgerPeriod } from '../common/ledger.js';
import { MembersRepository, type MemberLedgerRow } from './members.repository.js';

/** 党员: the members of the subtree (contact details and birthdays stay out of the ledger). */
@Injectable()
export class MembersLedger extends PagedLedgerSheet<MemberLedgerRow> {
  readonly name = '党员';
  readonly columns: LedgerColumn[] = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '所在组织', key: 'org', width: 28 },
    { header: '性别', key: 'gender', width: 6 },
    { header: '类别', key: 'status', width: 10 },
    { header: '入党日期', key: 'joined', width: 12, kind: 'date' },
    { header: '岗位', key: 'post', width: 12 },
    { header: '岗位名称', key: 'postTitle', width: 24 },
    { header: '职责', key: 'duties', width: 48 },
  ];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: MembersRepository,
  ) {
    super();
  }

  protected page(orgIds: string[], _period: LedgerPeriod, after: [string, string] | null, size: number): Promise<MemberLedgerRow[]> {
    return this.repo.findLedgerPage(this.dataSource.manager, orgIds, after, size);
  }

  protected keyOf(m: MemberLedgerRow): [string, string] {
    return [m.name, m.id];
  }

  protected toRow(m: MemberLedgerRow): Record<string, unknown> {
    return {
        name: m.name,
        org: m.org_name,
        gender: GenderLabels[m.gender],
        status: MemberStatusLabels[m.status],
        joined: m.joined_party_on,
        post: m.post_kind ? PostKindLabels[m.post_kind] : '',
        postTitle: m.post_title ?? '',
        duties: m.duties ?? '',
      };
  }
}
