import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WishActions,
  WishActorRoles,
  WishCategories,
  WishStatuses,
  type Page,
  type Wish,
  type WishAction,
  type WishActorRole,
  type WishCategory,
  type WishConfirmation,
  type WishCounts,
  type WishEvent,
  type WishFulfilment,
  type WishSettings,
  type WishStatus,
  type WishWisher,
} from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

export class WishEventDto implements WishEvent {
  @ApiProperty({ enum: WishActions }) action: WishAction;
  @ApiProperty({ enum: WishStatuses, nullable: true }) fromStatus: WishStatus | null;
  @ApiProperty({ enum: WishStatuses, nullable: true }) toStatus: WishStatus | null;
  @ApiProperty({ enum: WishActorRoles }) actorRole: WishActorRole;
  @ApiProperty({ example: '党员 张三' }) actorLabel: string;
  @ApiPropertyOptional({ description: 'the rejection reason: staff of the organisation and the wisher only' }) note?: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class WishWisherDto implements WishWisher {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ description: 'posted by staff for a resident without the app' }) onBehalf: boolean;
}

export class WishFulfilmentDto implements WishFulfilment {
  @ApiProperty({ type: String, nullable: true, description: 'null for the public while held for review' }) note: string | null;
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ format: 'date-time' }) fulfilledAt: string;
}

export class WishConfirmationDto implements WishConfirmation {
  @ApiProperty({ type: String, nullable: true }) thanks: string | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5 }) rating: number | null;
  @ApiProperty({ format: 'date-time' }) confirmedAt: string;
}

class WishClaimantDto {
  @ApiProperty() memberId: string;
  @ApiProperty() name: string;
}

class WishHeldDto {
  @ApiProperty() content: boolean;
  @ApiProperty() note: boolean;
  @ApiProperty() thanks: boolean;
}

class WishViewerDto {
  @ApiProperty() wisher: boolean;
  @ApiProperty() claimer: boolean;
  @ApiProperty() staff: boolean;
}

export class WishResponseDto implements Wish {
  @ApiProperty() id: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: WishCategories }) category: WishCategory;
  @ApiProperty({ enum: WishStatuses }) status: WishStatus;
  @ApiProperty({ example: '张**', description: 'masked: the first character and **' }) wisherDisplayName: string;
  @ApiPropertyOptional({ type: WishWisherDto, description: 'the wisher, staff of the organisation, and the claimer while there is work to do' }) wisher?: WishWisherDto;
  @ApiProperty({ type: WishClaimantDto, nullable: true }) claimant: WishClaimantDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'last day (Asia/Shanghai) the wish stays open' }) expiresOn: string | null;
  @ApiProperty({ type: WishFulfilmentDto, nullable: true }) fulfilment: WishFulfilmentDto | null;
  @ApiProperty({ type: WishConfirmationDto, nullable: true }) confirmation: WishConfirmationDto | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'staff of the organisation and the wisher only' }) rejectReason?: string | null;
  @ApiPropertyOptional({ type: WishHeldDto, description: 'which texts wait for human review (insiders only)' }) held?: WishHeldDto;
  @ApiProperty({ type: WishViewerDto, description: "the caller's relation to the wish" }) viewer: WishViewerDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ type: [WishEventDto], description: 'oldest first; on the detail and state-changing answers, not in lists' }) history?: WishEventDto[];
}

export class WishPageDto extends PageCursorDto implements Page<Wish> {
  @ApiProperty({ type: [WishResponseDto] }) items: WishResponseDto[];
}

export class WishCountsDto implements WishCounts {
  @ApiProperty() orgId: string;
  @ApiProperty() posted: number;
  @ApiProperty() open: number;
  @ApiProperty() claimed: number;
  @ApiProperty() fulfilled: number;
  @ApiProperty() confirmed: number;
}

export class WishSettingsResponseDto implements WishSettings {
  @ApiProperty() orgId: string;
  @ApiProperty({ minimum: 1, maximum: 20 }) claimLimit: number;
  @ApiProperty({ type: String, nullable: true, description: 'the ancestor whose setting applies' }) inheritedFrom: string | null;
}
