import type { Activity } from '@xianfeng/shared';
import { ServiceClock } from '../../src/community-service/service-clock.js';
import { bearer, type TestApp } from './app.js';
import { user } from './fixtures.js';

export const API = '/api/v1';

export interface SqlMember {
  token: string;
  userId: string;
  memberId: string;
}

/** `n` logged-in users, each bound to a new member of `orgId` (rows written directly: binding is tested elsewhere). */
export async function sqlMembers(t: TestApp, orgId: string, n: number, prefix = 'svc'): Promise<SqlMember[]> {
  const users = await Promise.all(Array.from({ length: n }, () => user(t, prefix)));
  const rows: Array<{ id: string; user_id: string }> = await t.dataSource.query(
    `INSERT INTO member (org_id, user_id, name, gender, birthday, joined_party_on, status)
     SELECT $1, u, '党员' || i, 'male', '1980-01-01', '2005-07-01', 'full' FROM unnest($2::uuid[]) WITH ORDINALITY AS x(u, i)
     RETURNING id, user_id`,
    [orgId, users.map((u) => u.userId)],
  );
  const byUser = new Map(rows.map((r) => [r.user_id, r.id]));
  return users.map((u) => ({ ...u, memberId: byUser.get(u.userId)! }));
}

/** Active reports of these members to the community, written directly (the report routes are tested on their own). */
export async function activeReports(t: TestApp, communityOrgId: string, memberIds: string[]): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO service_report (member_id, community_org_id, residential_area, status, accepted_at)
     SELECT m, $1, '幸福小区', 'active', now() FROM unnest($2::uuid[]) AS m`,
    [communityOrgId, memberIds],
  );
}

export const clockOf = (t: TestApp) => t.app.get(ServiceClock);

/** Publishes an activity through the API (the clock must be before `startsAt`). */
export async function publish(t: TestApp, token: string, orgId: string, over: Record<string, unknown> & { startsAt: string; endsAt: string }): Promise<Activity> {
  const res = await t.http
    .post(`${API}/orgs/${orgId}/activities`)
    .set('Authorization', bearer(token))
    .send({ title: '文明劝导', description: '路口文明劝导', place: '幸福路口', capacity: 10, ...over });
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The instant `minutes` after `base`, as ISO. */
export const plus = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
