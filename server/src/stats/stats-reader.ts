import { Injectable } from '@nestjs/common';
import type { OrgStats } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { toStats } from './stats.service.js';
import { StatsRepository, type PeriodBounds } from './stats.repository.js';

/**
 * The read port other features use for the numbers (评星定级's automatic indicators): the same
 * subtree-inclusive per-organisation sums the ranking reads, one query for all the organisations.
 */
@Injectable()
export class StatsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: StatsRepository,
  ) {}

  /** Each organisation's figures (docs/numbers.md) over its whole subtree for the period. */
  async figuresOf(orgIds: string[], p: PeriodBounds): Promise<Map<string, OrgStats>> {
    const sums = await this.repo.sumsForOrgs(this.dataSource.manager, orgIds, p);
    return new Map(orgIds.map((id) => [id, toStats(id, p, sums.get(id)!)]));
  }
}
