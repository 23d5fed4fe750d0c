import { ApiProperty } from '@nestjs/swagger';
import {
  ContestStatuses,
  RoundStatuses,
  type Contest,
  type ContestJudge,
  type ContestLive,
  type ContestRound,
  type ContestScore,
  type ContestStatus,
  type JudgePad,
  type LiveRankingEntry,
  type RoundStatus,
} from '@xianfeng/shared';

class ContestJudgeDto implements ContestJudge {
  @ApiProperty() userId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

class ContestRoundDto implements ContestRound {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
  @ApiProperty() order: number;
  @ApiProperty({ enum: RoundStatuses }) status: RoundStatus;
  @ApiProperty() scored: number;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
}

export class ContestResponseDto implements Contest {
  @ApiProperty() id: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ContestStatuses }) status: ContestStatus;
  @ApiProperty({ type: String, nullable: true, description: 'six characters; the QR payload too; null once ended' }) judgeCode: string | null;
  @ApiProperty({ type: String, nullable: true }) current: string | null;
  @ApiProperty({ type: [ContestRoundDto] }) rounds: ContestRound[];
  @ApiProperty({ type: [ContestJudgeDto] }) judges: ContestJudge[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
}

class PadCurrentDto {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
}

class PadRoundDto {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
  @ApiProperty() order: number;
  @ApiProperty({ enum: RoundStatuses }) status: RoundStatus;
  @ApiProperty({ type: Number, nullable: true }) myScore: number | null;
}

export class JudgePadDto implements JudgePad {
  @ApiProperty() contestId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ContestStatuses }) status: ContestStatus;
  @ApiProperty({ type: PadCurrentDto, nullable: true }) current: { orgId: string; name: string } | null;
  @ApiProperty({ type: Number, nullable: true }) myScore: number | null;
  @ApiProperty({ description: 'false when the caller belongs to the presenting organisation' }) canScore: boolean;
  @ApiProperty({ type: [PadRoundDto] }) rounds: JudgePad['rounds'];
}

export class ContestScoreResponseDto implements ContestScore {
  @ApiProperty() contestId: string;
  @ApiProperty() orgId: string;
  @ApiProperty() score: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class LiveRankingEntryDto implements LiveRankingEntry {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
  @ApiProperty() score: number;
  @ApiProperty() rank: number;
  @ApiProperty() scored: number;
  @ApiProperty({ enum: RoundStatuses }) status: RoundStatus;
}

class LiveRoundDto {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
  @ApiProperty() order: number;
  @ApiProperty({ enum: RoundStatuses }) status: RoundStatus;
}

export class ContestLiveDto implements ContestLive {
  @ApiProperty() contestId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ContestStatuses }) status: ContestStatus;
  @ApiProperty({ type: String, nullable: true }) current: string | null;
  @ApiProperty({ type: String, nullable: true }) currentName: string | null;
  @ApiProperty({ description: 'judges joined' }) judges: number;
  @ApiProperty({ description: 'judges who scored the current round' }) scored: number;
  @ApiProperty({ type: [LiveRankingEntryDto] }) ranking: LiveRankingEntry[];
  @ApiProperty({ type: [LiveRoundDto] }) rounds: ContestLive['rounds'];
  @ApiProperty() version: number;
}
