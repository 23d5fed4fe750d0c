import type { CreateMemberResponse, Member, Org } from '@xianfeng/shared';
import { ADMIN_OPENID, bearer, type TestApp } from './app.js';

let seq = 0;
/** A unique openid per call, so tests never share users by accident. */
export const uniqueOpenid = (prefix: string) => `${prefix}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

export interface Tree {
  adminToken: string;
  street: Org;
  community: Org;
  branchA: Org;
  branchB: Org;
  /** Staff of the street committee (covers everything). */
  streetStaff: { token: string; userId: string };
  /** Staff of branch A only. */
  branchAStaff: { token: string; userId: string };
  resident: { token: string; userId: string };
}

export async function user(t: TestApp, prefix: string) {
  const res = await t.login(uniqueOpenid(prefix));
  return { token: res.token, userId: res.user.id };
}

export async function createOrg(t: TestApp, token: string, body: { name: string; type: string; parentId?: string }): Promise<Org> {
  const res = await t.http.post('/api/v1/orgs').set('Authorization', bearer(token)).send(body);
  if (res.status !== 201) throw new Error(`createOrg: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function grantStaff(t: TestApp, token: string, orgId: string, userId: string) {
  const res = await t.http.post(`/api/v1/orgs/${orgId}/staff`).set('Authorization', bearer(token)).send({ userId });
  if (res.status !== 200) throw new Error(`grantStaff: ${res.status} ${JSON.stringify(res.body)}`);
}

/** street committee → community → branch A, and street → branch B; staff at street and at branch A. */
export async function buildTree(t: TestApp): Promise<Tree> {
  const admin = await t.login(ADMIN_OPENID);
  const street = await createOrg(t, admin.token, { name: '测试街道党工委', type: 'committee' });
  const community = await createOrg(t, admin.token, { name: '测试社区党委', type: 'community', parentId: street.id });
  const branchA = await createOrg(t, admin.token, { name: '第一党支部', type: 'branch', parentId: community.id });
  const branchB = await createOrg(t, admin.token, { name: '第二党支部', type: 'branch', parentId: street.id });
  const streetStaff = await user(t, 'street-staff');
  const branchAStaff = await user(t, 'branch-a-staff');
  const resident = await user(t, 'resident');
  await grantStaff(t, admin.token, street.id, streetStaff.userId);
  await grantStaff(t, admin.token, branchA.id, branchAStaff.userId);
  return { adminToken: admin.token, street, community, branchA, branchB, streetStaff, branchAStaff, resident };
}

export const memberBody = (over: Record<string, unknown> = {}) => ({
  name: '张三',
  gender: 'male',
  birthday: '1980-05-01',
  joinedPartyOn: '2005-07-01',
  workStartedOn: '2002-09-01',
  status: 'full',
  postKind: 'vanguard',
  postTitle: '楼栋长先锋岗',
  duties: '联系 3 号楼居民',
  phone: '13800138000',
  showPhone: false,
  ...over,
});

export async function createMember(t: TestApp, token: string, orgId: string, over: Record<string, unknown> = {}): Promise<CreateMemberResponse> {
  const res = await t.http.post(`/api/v1/orgs/${orgId}/members`).set('Authorization', bearer(token)).send(memberBody(over));
  if (res.status !== 201) throw new Error(`createMember: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A WeChat user bound to a new member record, through the real create and bind routes. */
export interface BoundMember {
  token: string;
  userId: string;
  openid: string;
  memberId: string;
  name: string;
  member: Member;
}

/** The administrator's token, one login per application. */
const adminTokens = new WeakMap<TestApp, Promise<string>>();
const adminToken = (t: TestApp) => {
  let token = adminTokens.get(t);
  if (!token) adminTokens.set(t, (token = t.login(ADMIN_OPENID).then((r) => r.token)));
  return token;
};

/** Creates a member of `orgId` (memberBody with `over`) and binds a fresh WeChat user to it. */
export async function bindMember(t: TestApp, orgId: string, over: Record<string, unknown> = {}): Promise<BoundMember> {
  const { member, bindCode } = await createMember(t, await adminToken(t), orgId, over);
  const openid = uniqueOpenid('member');
  const login = await t.login(openid);
  const res = await t.http.post('/api/v1/members/bind').set('Authorization', bearer(login.token)).send({ bindCode });
  if (res.status !== 200) throw new Error(`bind: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: login.token, userId: login.user.id, openid, memberId: member.id, name: member.name, member };
}

export async function count(t: TestApp, table: string): Promise<number> {
  const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

/**
 * Members whose count of held claims (member.claims_held, which the claim limit is checked against)
 * differs from the wishes they actually hold claimed: `[]` when the counter is right everywhere.
 */
export async function claimCountMismatches(t: TestApp): Promise<Array<{ id: string; counted: number; held: number }>> {
  return t.dataSource.query(
    `SELECT m.id, m.claims_held AS counted, count(w.id)::int AS held
       FROM member m LEFT JOIN wish w ON w.claimant_member_id = m.id AND w.status = 'claimed'
      GROUP BY m.id HAVING m.claims_held <> count(w.id)`,
  );
}

/** Every failure carries the contract's error shape. */
export function expectErrorShape(body: unknown, status: number, code: string) {
  const b = body as Record<string, unknown>;
  if (b.statusCode !== status || b.code !== code || typeof b.message !== 'string') {
    throw new Error(`expected ${status} ${code}, got ${JSON.stringify(body)}`);
  }
  if (/QueryFailedError|SELECT |INSERT |at \w+ \(/.test(JSON.stringify(body))) throw new Error(`error body leaks internals: ${JSON.stringify(body)}`);
}
