import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeedStatuses, Limits, SERVICE_PERIOD_PATTERN, ServiceGrades, ServiceReportStatuses, type DeedStatus, type ServiceGrade, type ServiceReportStatus } from '@xianfeng/shared';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsString, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsCalendarDate, Nested, Optional } from '../common/validation.js';

const L = Limits.service;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

// ── 报到 ──

export class CreateReportDto {
  @ApiProperty({ description: 'an organisation of type community' }) @IsUUID() communityOrgId: string;
  @ApiProperty({ maxLength: L.residentialArea }) @Transform(trim) @IsString() @Length(1, L.residentialArea) residentialArea: string;
  @ApiPropertyOptional({ type: [String], maxItems: L.skills })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.skills)
  @IsString({ each: true })
  @Length(1, L.skill, { each: true })
  skills?: string[];
}

export class DeclineReportDto {
  @ApiProperty({ maxLength: L.declineReason }) @Transform(trim) @IsString() @Length(1, L.declineReason) reason: string;
}

export class ListReportsQuery extends PageQuery {
  @ApiPropertyOptional({ description: "the caller's own reports" }) @Optional() @Transform(bool) @IsIn([true]) mine?: boolean;
  @ApiPropertyOptional({ description: 'staff: reports to this community' }) @Optional() @IsUUID() communityOrgId?: string;
  @ApiPropertyOptional({ description: "staff: reports of this organisation's (subtree's) members" }) @Optional() @IsUUID() memberOrgId?: string;
  @ApiPropertyOptional({ enum: ServiceReportStatuses }) @Optional() @IsIn(ServiceReportStatuses) status?: ServiceReportStatus;
}

// ── activities ──

export class GeoPointDto {
  @ApiProperty({ description: 'GCJ-02 latitude' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @ApiProperty({ description: 'GCJ-02 longitude' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lng: number;
}

export class ActivityLocationDto extends GeoPointDto {
  @ApiProperty({ minimum: L.radiusMinM, maximum: L.radiusMaxM }) @IsInt() @Min(L.radiusMinM) @Max(L.radiusMaxM) radiusM: number;
}

export class CreateActivityDto {
  @ApiProperty({ maxLength: L.activityTitle }) @Transform(trim) @IsString() @Length(1, L.activityTitle) title: string;
  @ApiProperty({ maxLength: L.activityDescription }) @Transform(trim) @IsString() @MaxLength(L.activityDescription) description: string;
  @ApiProperty({ maxLength: L.place }) @Transform(trim) @IsString() @Length(1, L.place) place: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) endsAt: string;
  @ApiProperty({ minimum: 1, maximum: L.capacity }) @IsInt() @Min(1) @Max(L.capacity) capacity: number;
  @ApiPropertyOptional({ type: ActivityLocationDto }) @Optional() @Nested(() => ActivityLocationDto) location?: ActivityLocationDto;
  @ApiPropertyOptional({ minimum: L.repeatWeeklyMin, maximum: L.repeatWeeklyMax, description: 'a weekly series of this many activities (a standing service post)' })
  @Optional()
  @IsInt()
  @Min(L.repeatWeeklyMin)
  @Max(L.repeatWeeklyMax)
  repeatWeekly?: number;
}

export class ListActivitiesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'the organisation whose subtree to show' }) @Optional() @IsUUID() orgId?: string;
  @ApiPropertyOptional({ description: 'first day (Asia/Shanghai), default today' }) @Optional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'last day (Asia/Shanghai)' }) @Optional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ description: 'only the activities the caller signed up to' }) @Optional() @Transform(bool) @IsIn([true]) mine?: boolean;
}

export class CheckinDto {
  @ApiProperty({ maxLength: L.checkinCode }) @IsString() @Length(1, L.checkinCode) code: string;
  @ApiPropertyOptional({ type: GeoPointDto, description: 'GCJ-02; required where the activity has a location' })
  @Optional()
  @Nested(() => GeoPointDto)
  location?: GeoPointDto;
}

export class CheckoutDto {
  @ApiProperty({ maxLength: L.checkinCode }) @IsString() @Length(1, L.checkinCode) code: string;
}

export class ConfirmAttendanceDto {
  @ApiPropertyOptional({ minimum: 0, description: 'other than the computed minutes: a correction, which needs a reason' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(L.activityHoursMax * 60)
  minutes?: number;
  @ApiPropertyOptional({ maxLength: L.correctionReason }) @Optional() @Transform(trim) @IsString() @Length(1, L.correctionReason) reason?: string;
}

// ── deeds ──

export class CreateDeedDto {
  @ApiProperty({ maxLength: L.deedTitle }) @Transform(trim) @IsString() @Length(1, L.deedTitle) title: string;
  @ApiProperty({ maxLength: L.deedDescription }) @Transform(trim) @IsString() @MaxLength(L.deedDescription) description: string;
  @ApiProperty({ example: '2026-05-01', description: 'not in the future' }) @IsCalendarDate() doneOn: string;
  @ApiProperty({ type: [String], maxItems: L.deedPhotos, description: 'image URLs from POST /uploads' })
  @IsArray()
  @ArrayMaxSize(L.deedPhotos)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { each: true })
  @MaxLength(Limits.photoUrl, { each: true })
  photos: string[];
  @ApiPropertyOptional({ maxLength: L.beneficiary, description: 'for whom: never public' }) @Optional() @Transform(trim) @IsString() @Length(1, L.beneficiary) beneficiary?: string;
}

export class ReturnDeedDto {
  @ApiProperty({ maxLength: L.returnReason }) @Transform(trim) @IsString() @Length(1, L.returnReason) reason: string;
}

export class ListDeedsQuery extends PageQuery {
  @ApiPropertyOptional({ description: "the caller's own deeds" }) @Optional() @Transform(bool) @IsIn([true]) mine?: boolean;
  @ApiPropertyOptional({ description: "staff: deeds of this organisation's (subtree's) members" }) @Optional() @IsUUID() orgId?: string;
  @ApiPropertyOptional({ enum: DeedStatuses }) @Optional() @IsIn(DeedStatuses) status?: DeedStatus;
}

// ── record and ratings ──

export class ServiceYearQuery {
  @ApiPropertyOptional({ description: 'default: the current year (Asia/Shanghai)' }) @Optional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class PutRatingDto {
  @ApiProperty() @IsUUID() memberId: string;
  @ApiProperty({ example: '2026Q4', description: 'a year (2026) or a quarter (2026Q4)' }) @IsString() @Matches(SERVICE_PERIOD_PATTERN) period: string;
  @ApiProperty({ enum: ServiceGrades }) @IsIn(ServiceGrades) grade: ServiceGrade;
  @ApiPropertyOptional({ maxLength: L.ratingComment }) @Optional() @Transform(trim) @IsString() @MaxLength(L.ratingComment) comment?: string;
}

export class ListRatingsQuery {
  @ApiProperty({ example: '2026Q4' }) @IsString() @Matches(SERVICE_PERIOD_PATTERN) period: string;
  @ApiPropertyOptional({ description: "staff of the members' organisation" }) @Optional() @IsUUID() memberOrgId?: string;
  @ApiPropertyOptional({ description: 'staff of the community' }) @Optional() @IsUUID() communityOrgId?: string;
}
