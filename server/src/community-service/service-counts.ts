import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '../common/dates.js';
import { RecordRepository } from './record.repository.js';
import { ServiceLedger } from './service.ledger.js';

export interface ServiceCountsOfMember {
  serviceMinutes: number;
  deeds: number;
}

/**
 * The read port this feature exports for public cards (members/): confirmed minutes and deeds of the
 * current year (Asia/Shanghai), counts only — never which activity or whom a deed helped.
 */
@Injectable()
export class ServiceCounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RecordRepository,
  ) {}

  async ofMembers(memberIds: string[], now: Date = new Date()): Promise<Map<string, ServiceCountsOfMember>> {
    const year = todayInShanghai(now).slice(0, 4);
    const totals = await this.repo.totals(this.dataSource.manager, memberIds, `${year}-01-01`, `${year}-12-31`);
    return new Map([...totals].map(([id, t]) => [id, { serviceMinutes: t.minutes, deeds: t.deeds }]));
  }

  async of(memberId: string): Promise<ServiceCountsOfMember> {
    return (await this.ofMembers([memberId])).get(memberId) ?? { serviceMinutes: 0, deeds: 0 };
  }
}

/**
 * The read ports this feature exports: the card counts (members/) and the ledger's service sheet
 * (stats/). Global, so members/ reads it without importing this feature (which itself reads members).
 */
@Global()
@Module({ providers: [RecordRepository, ServiceCounts, ServiceLedger], exports: [ServiceCounts, ServiceLedger] })
export class ServiceCountsModule {}
