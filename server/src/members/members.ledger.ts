import { Injectable } from '@nestjs/common';
import { GenderLabels, MemberStatusLabels, PostKindLabels } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { keysetPages, LedgerSheet, type LedgerColumn } from '../common/ledger.js';
import { MembersRepository } from './members.repository.js';

/** 党员: the members of the subtree (contact details and birthdays stay out of the ledger). */
@Injectable()
export class MembersLedger extends LedgerSheet {
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

  async *rows(orgIds: string[]): AsyncIterable<Record<string, unknown>> {
    const db = this.dataSource.manager;
    for await (const m of keysetPages((after: [string, string] | null, size) => this.repo.findLedgerPage(db, orgIds, after, size), (m) => [m.name, m.id] as [string, string])) {
      yield {
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
}
