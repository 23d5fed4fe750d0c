import { ApiProperty } from '@nestjs/swagger';
import type { MonthlyActivity, OrgStats, Ranking, RankingEntry, RankingFigures, RankingSettings, RankingWeights } from '@xianfeng/shared';

class CommitmentCountsDto {
  @ApiProperty() published: number;
  @ApiProperty() fulfilled: number;
}

class WishCountsDto {
  @ApiProperty() posted: number;
  @ApiProperty({ description: 'every wish approved to the wall in the period' }) open: number;
  @ApiProperty() claimed: number;
  @ApiProperty() fulfilled: number;
  @ApiProperty() confirmed: number;
}

class SentDto {
  @ApiProperty() sent: number;
}

class ReviewCountsDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true }) average: number | null;
}

export class OrgStatsDto implements OrgStats {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-10-01' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-31' }) to: string | null;
  @ApiProperty({ description: 'members at the end of the period' }) members: number;
  @ApiProperty({ type: CommitmentCountsDto }) commitments: CommitmentCountsDto;
  @ApiProperty({ type: WishCountsDto }) wishes: WishCountsDto;
  @ApiProperty({ type: SentDto }) greetings: SentDto;
  @ApiProperty({ type: ReviewCountsDto }) reviews: ReviewCountsDto;
  @ApiProperty() serviceMinutes: number;
  @ApiProperty() deeds: number;
}

export class RankingWeightsResponseDto implements RankingWeights {
  @ApiProperty() commitmentsFulfilled: number;
  @ApiProperty() wishesCompleted: number;
  @ApiProperty() greetingsSent: number;
  @ApiProperty() reviewAverage: number;
  @ApiProperty() serviceMinutes: number;
}

export class RankingSettingsResponseDto implements RankingSettings {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ type: RankingWeightsResponseDto }) weights: RankingWeightsResponseDto;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) inheritedFrom: string | null;
}

class RankingFiguresDto implements RankingFigures {
  @ApiProperty() members: number;
  @ApiProperty() commitmentsFulfilled: number;
  @ApiProperty() wishesCompleted: number;
  @ApiProperty() greetingsSent: number;
  @ApiProperty() reviewCount: number;
  @ApiProperty({ type: Number, nullable: true }) reviewAverage: number | null;
  @ApiProperty() serviceMinutes: number;
  @ApiProperty({ type: RankingWeightsResponseDto, description: 'each figure per member (reviewAverage: the average)' }) rates: RankingWeightsResponseDto;
}

class RankingEntryDto implements RankingEntry {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '1 = best; equal scores share a rank' }) rank: number;
  @ApiProperty({ description: '0–100, one decimal' }) score: number;
  @ApiProperty({ type: RankingFiguresDto }) figures: RankingFiguresDto;
}

export class RankingDto implements Ranking {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ type: RankingWeightsResponseDto }) weights: RankingWeightsResponseDto;
  @ApiProperty({ type: [RankingEntryDto] }) items: RankingEntryDto[];
}

class MonthDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() commitmentsFulfilled: number;
  @ApiProperty() wishesFulfilled: number;
  @ApiProperty() greetingsSent: number;
  @ApiProperty() serviceMinutes: number;
}

export class MonthlyActivityDto implements MonthlyActivity {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ type: [MonthDto] }) months: MonthDto[];
}
