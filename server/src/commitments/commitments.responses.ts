import { ApiProperty } from '@nestjs/swagger';
import {
  CommitmentOwnerTypes,
  CommitmentStatuses,
  ReviewKinds,
  type Commitment,
  type CommitmentOwnerType,
  type CommitmentProgress,
  type CommitmentReview,
  type CommitmentStatus,
  type CommitmentSummary,
  type CommitmentViewer,
  type Page,
  type ReviewKind,
  type ReviewStats,
  type ReviewSummary,
} from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

export class ReviewStatsDto implements ReviewStats {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'mean 1–5 score, two decimals; null when there are none' }) average: number | null;
}

export class ReviewSummaryDto implements ReviewSummary {
  @ApiProperty({ type: ReviewStatsDto }) org: ReviewStatsDto;
  @ApiProperty({ type: ReviewStatsDto }) peer: ReviewStatsDto;
  @ApiProperty({ type: ReviewStatsDto }) public: ReviewStatsDto;
}

export class CommitmentProgressDto implements CommitmentProgress {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ description: 'held for review: only the owner and staff see it' }) contentHeld: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CommitmentReviewDto implements CommitmentReview {
  @ApiProperty({ enum: ReviewKinds }) kind: ReviewKind;
  @ApiProperty({ minimum: 1, maximum: 5 }) score: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() contentHeld: boolean;
  @ApiProperty({ description: "the caller's own review" }) mine: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CommitmentViewerDto implements CommitmentViewer {
  @ApiProperty({ description: 'the member whose commitment it is; for a branch commitment, staff of its organisation' }) owner: boolean;
  @ApiProperty({ description: "staff of the commitment's organisation or of an ancestor, or an admin" }) staff: boolean;
}

export class CommitmentSummaryDto implements CommitmentSummary {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CommitmentOwnerTypes }) ownerType: CommitmentOwnerType;
  @ApiProperty({ type: String, nullable: true }) ownerMemberId: string | null;
  @ApiProperty() ownerName: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() title: string;
  @ApiProperty() content: string;
  @ApiProperty({ type: [String] }) items: string[];
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: CommitmentStatuses }) status: CommitmentStatus;
  @ApiProperty({ description: 'published and past dueOn (Asia/Shanghai)' }) overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiProperty() contentHeld: boolean;
  @ApiProperty({ type: ReviewSummaryDto }) reviewSummary: ReviewSummaryDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) fulfilledAt: string | null;
}

export class CommitmentResponseDto extends CommitmentSummaryDto implements Commitment {
  @ApiProperty({ type: CommitmentViewerDto }) viewer: CommitmentViewerDto;
  @ApiProperty({ type: [CommitmentProgressDto], description: 'oldest first' }) progress: CommitmentProgressDto[];
  @ApiProperty({ type: [CommitmentReviewDto], description: 'newest first' }) reviews: CommitmentReviewDto[];
}

export class CommitmentPageDto extends PageCursorDto implements Page<CommitmentSummary> {
  @ApiProperty({ type: [CommitmentSummaryDto] }) items: CommitmentSummaryDto[];
}
