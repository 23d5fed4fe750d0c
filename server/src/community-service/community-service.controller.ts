import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Activity, Attendance, AttendanceConfirmation, CheckinCode, Deed, MemberService, Page, ServiceRating, ServiceRatingList, ServiceReport } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { ActivitiesService } from './activities.service.js';
import {
  CheckinDto,
  CheckoutDto,
  ConfirmAttendanceDto,
  CreateActivityDto,
  CreateDeedDto,
  CreateReportDto,
  DeclineReportDto,
  ListActivitiesQuery,
  ListDeedsQuery,
  ListRatingsQuery,
  ListReportsQuery,
  PutRatingDto,
  ReturnDeedDto,
  ServiceYearQuery,
} from './community-service.dto.js';
import {
  ActivityDto,
  ActivityPageDto,
  AttendanceConfirmationDto,
  AttendanceDto,
  CheckinCodeDto,
  DeedDto,
  DeedPageDto,
  MemberServiceDto,
  ServiceRatingDto,
  ServiceRatingListDto,
  ServiceReportDto,
  ServiceReportPageDto,
} from './community-service.responses.js';
import { DeedsService } from './deeds.service.js';
import { RecordService } from './record.service.js';
import { ReportsService } from './reports.service.js';

@ApiTags('community service')
@ApiBearerAuth()
@Controller()
export class CommunityServiceController {
  constructor(
    private readonly reports: ReportsService,
    private readonly activities: ActivitiesService,
    private readonly deeds: DeedsService,
    private readonly record: RecordService,
  ) {}

  // ---- 报到 ----

  @Route('POST', 'service/reports', { access: 'member', returns: ServiceReportDto, summary: 'Report to a community (pending). One pending or active report per member → else 409 ALREADY_REPORTED' })
  report(@CurrentActor() actor: Actor, @Body() dto: CreateReportDto): Promise<ServiceReport> {
    return this.reports.create(actor, dto);
  }

  @Route('GET', 'service/reports', { access: 'user', returns: ServiceReportPageDto, summary: "mine=true (the caller's), or staff: communityOrgId (reported to it) or memberOrgId (its subtree's members)" })
  listReports(@CurrentActor() actor: Actor, @Query() q: ListReportsQuery): Promise<Page<ServiceReport>> {
    return this.reports.list(actor, q);
  }

  @Route('POST', 'service/reports/:id/accept', { access: 'staff', status: 200, returns: ServiceReportDto, summary: 'Staff of the community: pending → active; the member is notified' })
  accept(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ServiceReport> {
    return this.reports.accept(actor, id);
  }

  @Route('POST', 'service/reports/:id/decline', { access: 'staff', status: 200, returns: ServiceReportDto, summary: 'Staff of the community: pending → declined, with a reason' })
  decline(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: DeclineReportDto): Promise<ServiceReport> {
    return this.reports.decline(actor, id, dto.reason);
  }

  @Route('POST', 'service/reports/:id/end', { access: 'user', status: 200, returns: ServiceReportDto, summary: 'The member, or staff of the community: active → ended (kept in the history)' })
  endReport(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ServiceReport> {
    return this.reports.end(actor, id);
  }

  // ---- activities ----

  @Route('POST', 'orgs/:id/activities', { access: 'staff', returns: ActivityDto, summary: 'Staff of the org: publish an activity, or with repeatWeekly a weekly series (a service post); answers the first' })
  createActivity(@CurrentActor() actor: Actor, @Param('id', IdPipe) orgId: string, @Body() dto: CreateActivityDto): Promise<Activity> {
    return this.activities.create(actor, orgId, dto);
  }

  @Route('GET', 'activities', { access: 'public', returns: ActivityPageDto, summary: 'Upcoming activities, soonest first: orgId (subtree), from (default today), to; mine=true: the caller\'s sign-ups' })
  listActivities(@CurrentActor() actor: Actor | null, @Query() q: ListActivitiesQuery): Promise<Page<Activity>> {
    return this.activities.list(actor, q);
  }

  @Route('GET', 'activities/:id', { access: 'public', returns: ActivityDto, summary: "One activity; the caller's sign-up; participants for staff of the org" })
  activity(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<Activity> {
    return this.activities.get(actor, id);
  }

  @Route('POST', 'activities/:id/signups', { access: 'member', returns: ActivityDto, summary: 'Sign up until the start: members with an active report to the community, or of its subtree. 409 ACTIVITY_FULL / ALREADY_SIGNED_UP / ACTIVITY_STARTED' })
  signUp(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Activity> {
    return this.activities.signUp(actor, id);
  }

  @Route('DELETE', 'activities/:id/signups/me', { access: 'member', returns: ActivityDto, summary: 'Cancel before the start; the place is freed' })
  cancelSignup(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Activity> {
    return this.activities.cancel(actor, id);
  }

  @Route('GET', 'activities/:id/checkin-code', { access: 'staff', returns: CheckinCodeDto, summary: 'Staff of the org: the signed check-in code of this 30-second step; accepted until expiresAt (≤ 60 s)' })
  checkinCode(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<CheckinCode> {
    return this.activities.checkinCode(actor, id);
  }

  @Route('POST', 'activities/:id/checkin', { access: 'member', status: 200, returns: AttendanceDto,
    summary: 'A signed-up member, from 30 min before the start to the end. 409 CODE_EXPIRED / ALREADY_CHECKED_IN / OUT_OF_RANGE / CHECKIN_CLOSED, 400 CODE_INVALID' })
  checkin(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CheckinDto): Promise<Attendance> {
    return this.activities.checkin(actor, id, dto);
  }

  @Route('POST', 'activities/:id/checkout', { access: 'member', status: 200, returns: AttendanceDto, summary: 'A checked-in member, until 2 hours after the end; 409 NOT_CHECKED_IN without a check-in' })
  checkout(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CheckoutDto): Promise<Attendance> {
    return this.activities.checkout(actor, id, dto.code);
  }

  @Route('POST', 'activities/:id/attendance/:memberId/confirm', { access: 'staff', status: 200, returns: AttendanceConfirmationDto,
    summary: 'Staff of the org: confirm the computed minutes, or correct them with a reason (recorded); a missing check-out needs both' })
  confirmAttendance(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Param('memberId', IdPipe) memberId: string,
    @Body() dto: ConfirmAttendanceDto,
  ): Promise<AttendanceConfirmation> {
    return this.activities.confirm(actor, id, memberId, dto);
  }

  // ---- 我为群众办实事 ----

  @Route('POST', 'deeds', { access: 'member', returns: DeedDto, summary: 'Log a deed (pending); the beneficiary is never public' })
  createDeed(@CurrentActor() actor: Actor, @Body() dto: CreateDeedDto): Promise<Deed> {
    return this.deeds.create(actor, dto);
  }

  @Route('GET', 'deeds', { access: 'user', returns: DeedPageDto, summary: "mine=true (the caller's), or staff: orgId (its subtree's members' deeds); status filters" })
  listDeeds(@CurrentActor() actor: Actor, @Query() q: ListDeedsQuery): Promise<Page<Deed>> {
    return this.deeds.list(actor, q);
  }

  @Route('GET', 'deeds/:id', { access: 'user', returns: DeedDto, summary: "The member or staff of the member's organisation; 404 for anyone else" })
  deed(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Deed> {
    return this.deeds.get(actor, id);
  }

  @Route('POST', 'deeds/:id/confirm', { access: 'staff', status: 200, returns: DeedDto, summary: "Staff of the member's organisation: pending → confirmed" })
  confirmDeed(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Deed> {
    return this.deeds.confirm(actor, id);
  }

  @Route('POST', 'deeds/:id/return', { access: 'staff', status: 200, returns: DeedDto, summary: "Staff of the member's organisation: pending → returned, with a reason" })
  returnDeed(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ReturnDeedDto): Promise<Deed> {
    return this.deeds.returnDeed(actor, id, dto.reason);
  }

  // ---- record and 一卡反馈 ----

  @Route('GET', 'members/:id/service', { access: 'user', returns: MemberServiceDto,
    summary: "The member, staff of the member's org, or staff of a community the member reported to: the year's confirmed minutes and deeds, each activity and deed" })
  memberService(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: ServiceYearQuery): Promise<MemberService> {
    return this.record.record(actor, id, q.year);
  }

  @Route('PUT', 'service/ratings', { access: 'staff', returns: ServiceRatingDto, summary: 'Staff of the community the member reported to: one rating per member, community and period (a second PUT replaces it)' })
  rate(@CurrentActor() actor: Actor, @Body() dto: PutRatingDto): Promise<ServiceRating> {
    return this.record.rate(actor, dto);
  }

  @Route('GET', 'service/ratings', { access: 'staff', returns: ServiceRatingListDto, summary: "Staff of the members' org (memberOrgId) or of the community (communityOrgId): the period's ratings with its confirmed minutes and deeds" })
  ratings(@CurrentActor() actor: Actor, @Query() q: ListRatingsQuery): Promise<ServiceRatingList> {
    return this.record.ratings(actor, q);
  }
}
