import { Injectable } from '@nestjs/common';
import { Pages, ServiceGradeLabels, pageLink, type MemberService, type ServiceRating, type ServiceRatingList } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { badRequest, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { serviceNotification } from '../notifications/templates.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { periodDates } from './attendance-rules.js';
import type { ListRatingsQuery, PutRatingDto } from './community-service.dto.js';
import { toDeed, toRating, toRecordActivity } from './community-service.mapper.js';
import { DeedsRepository } from './deeds.repository.js';
import { findMemberRef, RecordRepository, type MemberRef } from './record.repository.js';
import { ReportsRepository } from './reports.repository.js';

/**
 * The member's service record (hours and deeds of a year, with each activity and deed) and 一卡反馈:
 * the community's rating of each reported member per quarter or year, which the member's own branch
 * reads with the hours and deeds behind it.
 */
@Injectable()
export class RecordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    private readonly repo: RecordRepository,
    private readonly deeds: DeedsRepository,
    private readonly reports: ReportsRepository,
  ) {}

  /** The member, staff of the member's organisation, or staff of a community the member reported to. */
  async record(actor: Actor, memberId: string, year = Number(todayInShanghai().slice(0, 4))): Promise<MemberService> {
    const db = this.dataSource.manager;
    const m = await findMemberRef(db, memberId);
    if (!m) throw notFound('党员');
    const own = actor.memberId === m.id;
    const branchStaff = this.orgs.isStaffOf(actor, { path: m.org_path });
    if (!own && !branchStaff) {
      const communities = await this.reports.findReportedCommunityPaths(db, m.id);
      if (!communities.some((path) => this.orgs.isStaffOf(actor, { path }))) throw forbidden('只有本人、所在组织或报到社区的工作人员可以查看服务记录');
    }
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const totals = (await this.repo.totals(db, [m.id], from, to)).get(m.id) ?? { minutes: 0, deeds: 0 };
    const activities = await this.repo.findActivities(db, m.id, from, to);
    const deeds = await this.deeds.findForMemberBetween(db, m.id, from, to);
    return {
      memberId: m.id,
      year,
      minutes: totals.minutes,
      deeds: totals.deeds,
      activities: activities.map(toRecordActivity),
      // Whom the member helped: the member and their own branch only, not the community.
      deedList: deeds.map((d) => toDeed(d, own || branchStaff)),
    };
  }

  /** Staff of a community the member reported to (active, or ended: a year's rating may come after). */
  async rate(actor: Actor, dto: PutRatingDto): Promise<ServiceRating> {
    const db = this.dataSource.manager;
    const m = await findMemberRef(db, dto.memberId);
    if (!m) throw notFound('党员');
    const community = await this.ratingCommunity(actor, m);
    await this.dataSource.transaction(async (tx) => {
      await this.repo.upsertRating(tx, { memberId: m.id, communityOrgId: community, period: dto.period, grade: dto.grade, comment: dto.comment ?? null, by: actor.userId });
      if (m.user_id) {
        await this.notifications.enqueue(
          tx,
          serviceNotification({
            userId: m.user_id,
            subject: `${dto.period} 社区服务评价`,
            event: ServiceGradeLabels[dto.grade],
            note: dto.comment ?? `社区对您 ${dto.period} 的服务评价为「${ServiceGradeLabels[dto.grade]}」`,
            page: pageLink(Pages.serviceRecord),
            dedupeKey: `service-rating:${m.id}:${community}:${dto.period}:${dto.grade}`,
          }),
        );
      }
    });
    const [row] = await this.repo.findRatings(db, { period: dto.period, communityOrgId: community, memberId: m.id });
    const { from, to } = periodDates(dto.period);
    return toRating(row, (await this.repo.totals(db, [m.id], from, to)).get(m.id));
  }

  async ratings(actor: Actor, q: ListRatingsQuery): Promise<ServiceRatingList> {
    if ((q.memberOrgId ? 1 : 0) + (q.communityOrgId ? 1 : 0) !== 1) {
      throw badRequest('请指定 memberOrgId 或 communityOrgId 之一', [{ field: 'memberOrgId', message: '二者选一' }]);
    }
    const db = this.dataSource.manager;
    const rows = q.communityOrgId
      ? (await this.orgs.assertStaffOf(actor, q.communityOrgId), await this.repo.findRatings(db, { period: q.period, communityOrgId: q.communityOrgId }))
      : await this.repo.findRatings(db, { period: q.period, memberOrgIds: await this.orgs.subtreeIds(await this.orgs.assertStaffOf(actor, q.memberOrgId!)) });
    const { from, to } = periodDates(q.period);
    const totals = await this.repo.totals(db, [...new Set(rows.map((r) => r.member_id))], from, to);
    return { items: rows.map((r) => toRating(r, totals.get(r.member_id))) };
  }

  /** The community the caller rates for: one the member reported to and the caller is staff of. */
  private async ratingCommunity(actor: Actor, m: MemberRef): Promise<string> {
    const reports = await this.reports.findPage(this.dataSource.manager, { memberId: m.id, after: null, limit: 100 });
    const mine = reports.find((r) => (r.status === 'active' || r.status === 'ended') && this.orgs.isStaffOf(actor, { path: r.community_path }));
    if (!mine) throw forbidden('只有该党员报到社区的工作人员可以评价');
    return mine.community_org_id;
  }
}
