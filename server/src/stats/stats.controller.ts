import { Body, Controller, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MonthlyActivity, OrgStats, Ranking, RankingSettings } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { PeriodQuery, RankingSettingsDto } from './stats.dto.js';
import { MonthlyActivityDto, OrgStatsDto, RankingDto, RankingSettingsResponseDto } from './stats.responses.js';
import { StatsService } from './stats.service.js';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('orgs/:id')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Route('GET', 'stats', { access: 'public', returns: OrgStatsDto, summary: 'Counts over the subtree for from..to (Asia/Shanghai dates); counts only, no names (docs/numbers.md)' })
  get(@Param('id', IdPipe) id: string, @Query() q: PeriodQuery): Promise<OrgStats> {
    return this.stats.stats(id, q);
  }

  @Route('GET', 'stats/monthly', { access: 'public', returns: MonthlyActivityDto, summary: 'The subtree\'s activity per calendar month of from..to (default: the last 12 months), for the line chart' })
  monthly(@Param('id', IdPipe) id: string, @Query() q: PeriodQuery): Promise<MonthlyActivity> {
    return this.stats.monthly(id, q);
  }

  @Route('GET', 'ranking', { access: 'staff', returns: RankingDto, summary: 'Staff of the organisation or above: child organisations ranked for from..to by per-member rates weighted by the ranking settings' })
  ranking(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: PeriodQuery): Promise<Ranking> {
    return this.stats.ranking(actor, id, q);
  }

  @Route('GET', 'ranking-settings', { access: 'staff', returns: RankingSettingsResponseDto, summary: 'The ranking weights in force (own, or inherited: inheritedFrom)' })
  getSettings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<RankingSettings> {
    return this.stats.getSettings(actor, id);
  }

  @Route('PUT', 'ranking-settings', { access: 'staff', returns: RankingSettingsResponseDto, summary: 'Set the ranking weights (each 0–100, relative) for the organisation and, by inheritance, its subtree' })
  putSettings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: RankingSettingsDto): Promise<RankingSettings> {
    return this.stats.putSettings(actor, id, dto);
  }

  @Route('GET', 'ledger.xlsx', { access: 'staff', produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', summary: 'Staff of the organisation or above: the work ledger (工作台账) for from..to — summary, members, commitments with reviews, wishes with history, greetings' })
  async ledger(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: PeriodQuery): Promise<StreamableFile> {
    const { orgName, stream } = await this.stats.ledger(actor, id, q);
    const name = `${orgName}工作台账${q.from || q.to ? `_${q.from ?? ''}_${q.to ?? ''}` : ''}.xlsx`;
    return new StreamableFile(stream, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }
}
