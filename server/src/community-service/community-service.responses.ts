import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DeedSources,
  DeedStatuses,
  ServiceGrades,
  ServiceReportStatuses,
  type Activity,
  type ActivityLocation,
  type ActivityParticipant,
  type Attendance,
  type AttendanceConfirmation,
  type AttendanceCorrection,
  type CheckinCode,
  type Deed,
  type DeedSource,
  type DeedStatus,
  type MemberService,
  type MyActivitySignup,
  type Page,
  type ServiceActivityEntry,
  type ServiceGrade,
  type ServiceRating,
  type ServiceRatingList,
  type ServiceReport,
  type ServiceReportStatus,
} from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

export class ServiceReportDto implements ServiceReport {
  @ApiProperty() id: string;
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty() memberOrgId: string;
  @ApiProperty() memberOrgName: string;
  @ApiProperty() communityOrgId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() residentialArea: string;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ enum: ServiceReportStatuses }) status: ServiceReportStatus;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
}

export class ServiceReportPageDto extends PageCursorDto implements Page<ServiceReport> {
  @ApiProperty({ type: [ServiceReportDto] }) items: ServiceReportDto[];
}

export class ActivityLocationResponseDto implements ActivityLocation {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty() radiusM: number;
}

export class MyActivitySignupDto implements MyActivitySignup {
  @ApiProperty({ format: 'date-time' }) signedUpAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkinAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkoutAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) minutes: number | null;
  @ApiProperty() confirmed: boolean;
}

export class AttendanceCorrectionDto implements AttendanceCorrection {
  @ApiProperty({ type: Number, nullable: true }) fromMinutes: number | null;
  @ApiProperty() toMinutes: number;
  @ApiProperty() reason: string;
  @ApiProperty() byUserId: string;
  @ApiProperty({ type: String, nullable: true }) byName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ActivityParticipantDto implements ActivityParticipant {
  @ApiProperty() memberId: string;
  @ApiProperty() name: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ format: 'date-time' }) signedUpAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkinAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkoutAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) computedMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true }) minutes: number | null;
  @ApiProperty() confirmed: boolean;
  @ApiProperty({ type: [AttendanceCorrectionDto] }) corrections: AttendanceCorrectionDto[];
}

export class ActivityDto implements Activity {
  @ApiProperty() id: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() place: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty() signedUp: number;
  @ApiProperty({ type: ActivityLocationResponseDto, nullable: true }) location: ActivityLocationResponseDto | null;
  @ApiProperty({ type: String, nullable: true }) seriesId: string | null;
  @ApiPropertyOptional({ type: MyActivitySignupDto, nullable: true, description: "the caller's sign-up" }) mySignup?: MyActivitySignupDto | null;
  @ApiPropertyOptional({ type: [ActivityParticipantDto], description: 'staff of the organisation only' }) participants?: ActivityParticipantDto[];
}

export class ActivityPageDto extends PageCursorDto implements Page<Activity> {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
}

export class CheckinCodeDto implements CheckinCode {
  @ApiProperty({ example: '0J4K-7QZP-M2XC-9D1A' }) code: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) refreshAt: string;
}

export class AttendanceDto implements Attendance {
  @ApiProperty() activityId: string;
  @ApiProperty() memberId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkinAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkoutAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) minutes: number | null;
  @ApiProperty() confirmed: boolean;
}

export class AttendanceConfirmationDto implements AttendanceConfirmation {
  @ApiProperty() memberId: string;
  @ApiProperty() minutes: number;
  @ApiProperty({ enum: [true] }) confirmed: true;
  @ApiProperty() corrected: boolean;
}

export class DeedDto implements Deed {
  @ApiProperty() id: string;
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty() orgId: string;
  @ApiProperty({ enum: DeedSources }) source: DeedSource;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'date' }) doneOn: string;
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ enum: DeedStatuses }) status: DeedStatus;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the member and staff of their organisation only' }) beneficiary?: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeedPageDto extends PageCursorDto implements Page<Deed> {
  @ApiProperty({ type: [DeedDto] }) items: DeedDto[];
}

export class ServiceActivityEntryDto implements ServiceActivityEntry {
  @ApiProperty() activityId: string;
  @ApiProperty() title: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkinAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkoutAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) minutes: number | null;
  @ApiProperty() confirmed: boolean;
}

export class MemberServiceDto implements MemberService {
  @ApiProperty() memberId: string;
  @ApiProperty() year: number;
  @ApiProperty() minutes: number;
  @ApiProperty() deeds: number;
  @ApiProperty({ type: [ServiceActivityEntryDto] }) activities: ServiceActivityEntryDto[];
  @ApiProperty({ type: [DeedDto] }) deedList: DeedDto[];
}

export class ServiceRatingDto implements ServiceRating {
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty() memberOrgId: string;
  @ApiProperty() communityOrgId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() period: string;
  @ApiProperty({ enum: ServiceGrades }) grade: ServiceGrade;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() minutes: number;
  @ApiProperty() deeds: number;
  @ApiProperty({ format: 'date-time' }) ratedAt: string;
}

export class ServiceRatingListDto implements ServiceRatingList {
  @ApiProperty({ type: [ServiceRatingDto] }) items: ServiceRatingDto[];
}
