import { ApiProperty } from '@nestjs/swagger';
import { ReviewItemKinds, type ReviewAction, type ReviewCounts, type ReviewItem, type ReviewItemKind, type ReviewQueue, type ReviewReason } from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

export class ReviewItemDto implements ReviewItem {
  @ApiProperty({ enum: ReviewItemKinds }) kind: ReviewItemKind;
  @ApiProperty({ format: 'uuid', description: 'the wish / commitment / upload id' }) id: string;
  @ApiProperty({ enum: ['pending_review', 'content_held'] }) reason: ReviewReason;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'the start of the text to review' }) excerpt: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ format: 'date-time' }) waitingSince: string;
  @ApiProperty({ enum: ['approve', 'reject', 'return', 'clear_held', 'remove'], isArray: true, description: "each is the owning feature's route of that name" })
  actions: ReviewAction[];
  @ApiProperty({ required: false, description: 'kind photo: a signed, expiring URL through which staff can look at the held photo' })
  imageUrl?: string;
}

export class ReviewCountsDto implements ReviewCounts {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { wish: 2, commitment: 1, photo: 1 } })
  byKind: Record<ReviewItemKind, number>;
}

export class ReviewQueueDto extends PageCursorDto implements ReviewQueue {
  @ApiProperty({ type: [ReviewItemDto] }) items: ReviewItemDto[];
  @ApiProperty({ type: ReviewCountsDto }) counts: ReviewCountsDto;
}
