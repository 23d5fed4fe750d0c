import { beforeAll, describe, expect, it } from '@jest/globals';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { bearer, useTestApp } from './support/app.js';
import { bindMember, buildTree, expectErrorShape, grantStaff, user, type BoundMember, type Tree } from './support/fixtures.js';
import { API } from './support/service.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * 我为群众办实事, the member's service record and 一卡反馈: who may see and do what, and that whom a
 * member helped never reaches a public route (the card carries counts only).
 */
describe('community service: deeds, the service record and ratings', () => {
  const t = useTestApp();
  let tree: Tree;
  let communityStaff: { token: string; userId: string };
  let otherCommunityStaff: { token: string; userId: string };
  let worker: BoundMember;
  let neighbour: BoundMember;
  const today = () => dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');
  const year = () => Number(today().slice(0, 4));

  const post = (token: string, path: string, body: object = {}) => t.http.post(`${API}${path}`).set('Authorization', bearer(token)).send(body);
  const put = (token: string, path: string, body: object) => t.http.put(`${API}${path}`).set('Authorization', bearer(token)).send(body);
  const get = (token: string | null, path: string) => (token ? t.http.get(`${API}${path}`).set('Authorization', bearer(token)) : t.http.get(`${API}${path}`));

  beforeAll(async () => {
    tree = await buildTree(t);
    communityStaff = await user(t, 'community-staff');
    await grantStaff(t, tree.adminToken, tree.community.id, communityStaff.userId);
    const elsewhere = (await post(tree.adminToken, '/orgs', { name: '别的社区', type: 'community', parentId: tree.street.id })).body;
    otherCommunityStaff = await user(t, 'other-community-staff');
    await grantStaff(t, tree.adminToken, elsewhere.id, otherCommunityStaff.userId);
    // An office member of branch B (staff: the street) reported to the community; a member of branch A (staff: branch A).
    worker = await bindMember(t, tree.branchB.id, { name: '在职党员' });
    neighbour = await bindMember(t, tree.branchA.id, { name: '社区党员' });
    const r = (await post(worker.token, '/service/reports', { communityOrgId: tree.community.id, residentialArea: '幸福小区' })).body;
    await post(communityStaff.token, `/service/reports/${r.id}/accept`);
  });

  it('a deed: the member logs it; staff of the member’s organisation confirm or return it; no one else sees it', async () => {
    const body = { title: '帮独居老人修水管', description: '上门修好漏水的水管', doneOn: today(), photos: [], beneficiary: '3 栋 201 王奶奶' };
    const created = await post(neighbour.token, '/deeds', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', source: 'logged', beneficiary: '3 栋 201 王奶奶' });
    const id = created.body.id;
    expectErrorShape((await post(neighbour.token, '/deeds', { ...body, doneOn: dayjs().add(3, 'day').format('YYYY-MM-DD') })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await post(tree.resident.token, '/deeds', body)).body, 403, 'NOT_A_MEMBER');

    // Not the member's organisation: community staff of an unrelated community, another member.
    expectErrorShape((await post(otherCommunityStaff.token, `/deeds/${id}/confirm`)).body, 404, 'NOT_FOUND');
    expectErrorShape((await get(worker.token, `/deeds/${id}`)).body, 404, 'NOT_FOUND');
    expectErrorShape((await get(null, `/deeds/${id}`)).body, 401, 'UNAUTHENTICATED');
    const pending = await get(tree.branchAStaff.token, `/deeds?orgId=${tree.branchA.id}&status=pending`);
    expect(pending.body.items.map((d: { id: string }) => d.id)).toContain(id);
    const confirmed = await post(tree.branchAStaff.token, `/deeds/${id}/confirm`);
    expect(confirmed.body.status).toBe('confirmed');
    expectErrorShape((await post(tree.branchAStaff.token, `/deeds/${id}/return`, { reason: '重复' })).body, 409, 'INVALID_STATE_TRANSITION');

    const second = (await post(neighbour.token, '/deeds', { ...body, title: '代买药' })).body;
    expectErrorShape((await post(tree.branchAStaff.token, `/deeds/${second.id}/return`)).body, 400, 'VALIDATION_FAILED');
    const returned = await post(tree.branchAStaff.token, `/deeds/${second.id}/return`, { reason: '请补充照片' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '请补充照片' });
    expect((await get(neighbour.token, '/deeds?mine=true')).body.items.map((d: { status: string }) => d.status)).toEqual(['returned', 'confirmed']);
  });

  it('the public card shows this year’s counts only, never the detail; a fulfilled micro-wish counts as a deed', async () => {
    const before = (await get(null, `/members/${neighbour.memberId}/card`)).body;
    expect(before).toMatchObject({ serviceMinutes: 0 });
    const w = (await post(tree.resident.token, '/wishes', { orgId: tree.community.id, title: '修轮椅', description: '轮椅坏了', category: 'service' })).body;
    await post(tree.streetStaff.token, `/wishes/${w.id}/approve`);
    await post(neighbour.token, `/wishes/${w.id}/claim`);
    await post(neighbour.token, `/wishes/${w.id}/fulfil`, { note: '修好了' });
    const card = (await get(null, `/members/${neighbour.memberId}/card`)).body;
    expect(card.deeds).toBe(before.deeds + 1);
    const text = JSON.stringify(card);
    for (const secret of ['王奶奶', '修水管', '修轮椅', 'deedList', 'beneficiary']) expect(text).not.toContain(secret);
    const board = (await get(null, `/orgs/${tree.branchA.id}/board`)).body;
    expect(board.items.find((i: { id: string }) => i.id === neighbour.memberId)).toMatchObject({ deeds: card.deeds });
    expect(JSON.stringify(board)).not.toContain('王奶奶');

    const record = (await get(neighbour.token, `/members/${neighbour.memberId}/service`)).body;
    expect(record).toMatchObject({ year: year(), deeds: card.deeds, minutes: 0 });
    expect(record.deedList.map((d: { source: string; title: string }) => `${d.source}:${d.title}`)).toEqual(expect.arrayContaining(['wish:修轮椅', 'logged:帮独居老人修水管']));
    expect(record.deedList.find((d: { title: string }) => d.title === '帮独居老人修水管').beneficiary).toBe('3 栋 201 王奶奶');
  });

  it('who may read a member’s service record: the member, the member’s org staff, the community reported to; no one else', async () => {
    await post(worker.token, '/deeds', { title: '社区宣讲', description: '政策宣讲', doneOn: today(), photos: [], beneficiary: '楼道居民' });
    expect((await get(worker.token, `/members/${worker.memberId}/service`)).status).toBe(200);
    const branch = await get(tree.streetStaff.token, `/members/${worker.memberId}/service?year=${year()}`);
    expect(branch.body.deedList[0].beneficiary).toBe('楼道居民');
    const community = await get(communityStaff.token, `/members/${worker.memberId}/service`);
    expect(community.status).toBe(200);
    expect(community.body.deedList[0]).not.toHaveProperty('beneficiary');
    expectErrorShape((await get(otherCommunityStaff.token, `/members/${worker.memberId}/service`)).body, 403, 'FORBIDDEN');
    expectErrorShape((await get(neighbour.token, `/members/${worker.memberId}/service`)).body, 403, 'FORBIDDEN');
    expectErrorShape((await get(null, `/members/${worker.memberId}/service`)).body, 401, 'UNAUTHENTICATED');
    expectErrorShape((await get(worker.token, `/members/00000000-0000-4000-8000-000000000000/service`)).body, 404, 'NOT_FOUND');
  });

  it('一卡反馈: the community rates each reported member per period (a second PUT replaces it); the member’s branch reads it', async () => {
    const period = `${year()}Q${Math.floor(dayjs().tz('Asia/Shanghai').month() / 3) + 1}`;
    const body = { memberId: worker.memberId, period, grade: 'good', comment: '积极参加' };
    expectErrorShape((await put(otherCommunityStaff.token, '/service/ratings', body)).body, 403, 'FORBIDDEN');
    expectErrorShape((await put(tree.streetStaff.token, '/service/ratings', { ...body, memberId: neighbour.memberId })).body, 403, 'FORBIDDEN');
    expectErrorShape((await put(communityStaff.token, '/service/ratings', { ...body, period: '2026Q5' })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await put(communityStaff.token, '/service/ratings', { ...body, grade: 'great' })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await get(communityStaff.token, `/service/ratings?communityOrgId=${tree.community.id}&period=0000`)).body, 400, 'VALIDATION_FAILED');
    expect((await put(communityStaff.token, '/service/ratings', body)).body).toMatchObject({ grade: 'good', communityName: '测试社区党委' });
    const again = await put(communityStaff.token, '/service/ratings', { ...body, grade: 'excellent', comment: '表现突出' });
    expect(again.body).toMatchObject({ grade: 'excellent', comment: '表现突出', minutes: 0 });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM service_rating WHERE member_id = $1`, [worker.memberId]);
    expect(n).toBe(1);

    const branch = await get(tree.streetStaff.token, `/service/ratings?memberOrgId=${tree.branchB.id}&period=${period}`);
    expect(branch.body.items).toEqual([expect.objectContaining({ memberId: worker.memberId, memberName: '在职党员', grade: 'excellent', minutes: 0, deeds: 0 })]);
    expect((await get(communityStaff.token, `/service/ratings?communityOrgId=${tree.community.id}&period=${period}`)).body.items).toHaveLength(1);
    expectErrorShape((await get(tree.branchAStaff.token, `/service/ratings?memberOrgId=${tree.branchB.id}&period=${period}`)).body, 403, 'FORBIDDEN');
    const notes = await t.dataSource.query(`SELECT title FROM notification WHERE user_id = $1 AND template_key = 'service_event' ORDER BY created_at`, [worker.userId]);
    expect(notes.map((x: { title: string }) => x.title)).toEqual(expect.arrayContaining([`${period} 社区服务评价优秀`]));
  });
});
