import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReviewKinds, type MemberReviewComment, type MemberReviews, type ReviewKind, type ReviewStats } from '@xianfeng/shared';

class ReviewStatsDto implements ReviewStats {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'two decimals; null without reviews' }) average: number | null;
}

class MemberReviewCommentDto implements MemberReviewComment {
  @ApiProperty({ enum: ReviewKinds }) kind: ReviewKind;
  @ApiProperty() score: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class MemberReviewViewerDto {
  @ApiProperty({ enum: ReviewKinds, isArray: true }) canReview: ReviewKind[];
  @ApiProperty({ enum: ReviewKinds, isArray: true }) reviewed: ReviewKind[];
}

export class MemberReviewsDto implements MemberReviews {
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ example: '2026' }) period: string;
  @ApiProperty({ type: ReviewStatsDto }) org: ReviewStats;
  @ApiProperty({ type: ReviewStatsDto }) peer: ReviewStats;
  @ApiProperty({ type: ReviewStatsDto }) public: ReviewStats;
  @ApiPropertyOptional({ type: [MemberReviewCommentDto], description: 'the member and staff of the member’s organisation only; never who wrote them' }) comments?: MemberReviewComment[];
  @ApiProperty({ type: MemberReviewViewerDto }) viewer: MemberReviews['viewer'];
}
