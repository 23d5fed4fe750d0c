import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AssessmentMetrics,
  AssessmentStatuses,
  IndicatorKinds,
  type Assessment,
  type AssessmentIndicator,
  type AssessmentMetric,
  type AssessmentResult,
  type AssessmentScoreSheet,
  type AssessmentStatus,
  type AssessmentSummary,
  type AssessmentViewer,
  type IndicatorKind,
  type IndicatorScore,
  type Page,
  type ScoreChange,
  type StarBoard,
  type StarBoardItem,
  type StarThreshold,
} from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

export class IndicatorResponseDto implements AssessmentIndicator {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() max: number;
  @ApiProperty({ enum: IndicatorKinds }) kind: IndicatorKind;
  @ApiPropertyOptional({ enum: AssessmentMetrics, nullable: true }) metric?: AssessmentMetric | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) fullAt?: number | null;
}

export class StarThresholdResponseDto implements StarThreshold {
  @ApiProperty({ minimum: 1, maximum: 5 }) stars: number;
  @ApiProperty() min: number;
}

class AssessmentViewerDto implements AssessmentViewer {
  @ApiProperty() staff: boolean;
  @ApiProperty({ type: [String] }) selfOrgIds: string[];
}

class AssessedOrgDto {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
}

export class AssessmentResponseDto implements Assessment {
  @ApiProperty() id: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: AssessmentStatuses }) status: AssessmentStatus;
  @ApiProperty({ type: [IndicatorResponseDto] }) indicators: AssessmentIndicator[];
  @ApiProperty({ type: [StarThresholdResponseDto] }) stars: StarThreshold[];
  @ApiProperty() maxTotal: number;
  @ApiProperty({ type: [AssessedOrgDto] }) children: Array<{ orgId: string; name: string }>;
  @ApiProperty({ type: AssessmentViewerDto }) viewer: AssessmentViewer;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
}

export class AssessmentSummaryDto implements AssessmentSummary {
  @ApiProperty() id: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() title: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: AssessmentStatuses }) status: AssessmentStatus;
  @ApiProperty() maxTotal: number;
  @ApiProperty({ enum: ['assessor', 'assessed'] }) role: 'assessor' | 'assessed';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
}

export class AssessmentPageDto extends PageCursorDto implements Page<AssessmentSummary> {
  @ApiProperty({ type: [AssessmentSummaryDto] }) items: AssessmentSummary[];
}

export class IndicatorScoreDto implements IndicatorScore {
  @ApiProperty() key: string;
  @ApiPropertyOptional({ description: 'automatic indicators: the computed score' }) auto?: number;
  @ApiPropertyOptional({ description: 'automatic indicators: the figure it was computed from' }) figure?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'judged: the branch’s own score (reference)' }) self?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'judged: the superior’s score (counts)' }) superior?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'staff only, never in public results' }) evidence?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'staff only' }) evidencePhotos?: string[];
  @ApiProperty() score: number;
}

export class AssessmentResultDto implements AssessmentResult {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
  @ApiProperty() rank: number;
  @ApiProperty() total: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) stars: number;
  @ApiProperty({ type: [IndicatorScoreDto] }) indicators: IndicatorScore[];
}

class ScoreChangeDto implements ScoreChange {
  @ApiProperty() key: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty() reason: string;
  @ApiProperty() byUserId: string;
  @ApiProperty({ type: String, nullable: true }) byName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class AssessmentScoreSheetDto extends AssessmentResultDto implements AssessmentScoreSheet {
  @ApiProperty() assessmentId: string;
  @ApiProperty({ enum: AssessmentStatuses }) status: AssessmentStatus;
  @ApiProperty({ type: [ScoreChangeDto] }) history: ScoreChange[];
}

class StarBoardItemDto implements StarBoardItem {
  @ApiProperty() orgId: string;
  @ApiProperty() name: string;
  @ApiProperty({ minimum: 0, maximum: 5 }) stars: number;
  @ApiProperty() total: number;
  @ApiProperty() assessmentId: string;
}

export class StarBoardDto implements StarBoard {
  @ApiProperty() orgId: string;
  @ApiProperty({ type: String, nullable: true }) assessmentId: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: [StarBoardItemDto] }) items: StarBoardItem[];
}
