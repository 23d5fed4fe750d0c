import type { Commitment, CommitmentStatus } from '@xianfeng/shared';
import { todayInShanghai } from '../../src/common/dates.js';
import { bearer, type TestApp } from './app.js';
import { bindMember, buildTree, grantStaff, user, type Tree } from './fixtures.js';

/** `YYYY-MM-DD`, `days` after today in Asia/Shanghai. */
export function shanghaiDate(days: number): string {
  const d = new Date(`${todayInShanghai()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface Person {
  token: string;
  userId: string;
  memberId?: string;
}

/**
 * The people around a commitment. The tree: street → community → branch A, street → branch B.
 * - ownerMember, peerMember: bound members of branch A; otherMember: a bound member of branch B
 * - branchStaff: staff of branch A; staffAbove: staff of the street committee (covers branch A)
 * - otherStaff: staff of branch B only; resident: a logged-in user with no role
 */
export interface Cast {
  t: TestApp;
  tree: Tree;
  ownerMember: Person;
  peerMember: Person;
  otherMember: Person;
  branchStaff: Person;
  staffAbove: Person;
  otherStaff: Person;
  resident: Person;
}

export async function buildCast(t: TestApp): Promise<Cast> {
  const tree = await buildTree(t);
  const otherStaff = await user(t, 'branch-b-staff');
  await grantStaff(t, tree.adminToken, tree.branchB.id, otherStaff.userId);
  return {
    t,
    tree,
    ownerMember: await bindMember(t, tree.branchA.id, { name: '承诺人' }),
    peerMember: await bindMember(t, tree.branchA.id, { name: '同支部党员' }),
    otherMember: await bindMember(t, tree.branchB.id, { name: '外支部党员' }),
    branchStaff: tree.branchAStaff,
    staffAbove: tree.streetStaff,
    otherStaff,
    resident: tree.resident,
  };
}

export const draftBody = (orgId: string, over: Record<string, unknown> = {}) => ({
  ownerType: 'member',
  orgId,
  title: '每周走访独居老人',
  content: '每周至少走访一次辖区内的独居老人，了解生活困难并帮助解决。',
  items: ['每周上门走访一次', '帮助代购生活用品', '每月向支部汇报一次'],
  dueOn: shanghaiDate(30),
  ...over,
});

export const api = (cast: Cast) => {
  const { t } = cast;
  const auth = (token?: string | null) => (token ? { Authorization: bearer(token) } : {});
  return {
    create: (token: string, body: Record<string, unknown>) => t.http.post('/api/v1/commitments').set(auth(token)).send(body),
    get: (id: string, token?: string | null) => t.http.get(`/api/v1/commitments/${id}`).set(auth(token)),
    list: (query: Record<string, unknown>, token?: string | null) => t.http.get('/api/v1/commitments').set(auth(token)).query(query),
    step: (id: string, action: string, token?: string | null, body: Record<string, unknown> = {}) =>
      t.http.post(`/api/v1/commitments/${id}/${action}`).set(auth(token)).send(body),
    edit: (id: string, token: string | null, body: Record<string, unknown>) => t.http.patch(`/api/v1/commitments/${id}`).set(auth(token)).send(body),
  };
};

function ok(res: { status: number; body: unknown }, what: string, status = 200) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Commitment;
}

/**
 * A commitment brought to `status` through the API: a member commitment of `ownerMember`, or with
 * `ownerType: 'branch'` one of branch A written by its staff. Staff above approve and fulfil.
 */
export async function commitmentIn(
  cast: Cast,
  status: CommitmentStatus,
  o: { ownerType?: 'member' | 'branch'; orgId?: string; owner?: Person; over?: Record<string, unknown> } = {},
): Promise<Commitment> {
  const a = api(cast);
  const ownerType = o.ownerType ?? 'member';
  const owner = o.owner ?? (ownerType === 'member' ? cast.ownerMember : cast.branchStaff);
  const orgId = o.orgId ?? cast.tree.branchA.id;
  let c = ok(await a.create(owner.token, draftBody(orgId, { ownerType, ...o.over })), 'create', 201);
  if (status === 'draft') return c;
  if (status === 'withdrawn') return ok(await a.step(c.id, 'withdraw', owner.token), 'withdraw');
  c = ok(await a.step(c.id, 'submit', owner.token), 'submit');
  if (status === 'pending_review') return c;
  c = ok(await a.step(c.id, 'approve', cast.staffAbove.token), 'approve');
  if (status === 'published') return c;
  return ok(await a.step(c.id, 'fulfil', cast.staffAbove.token), 'fulfil');
}

export async function statusOf(t: TestApp, id: string): Promise<CommitmentStatus> {
  const [row] = await t.dataSource.query(`SELECT status FROM commitment WHERE id = $1`, [id]);
  return row.status;
}

/** Notifications the outbox holds for a user about commitments, oldest first. */
export async function commitmentNotifications(t: TestApp, userId: string): Promise<Array<{ title: string; body: string; page: string; dedupe_key: string; phrase: string }>> {
  return t.dataSource.query(
    `SELECT title, body, page, dedupe_key, data->>'phrase2' AS phrase
       FROM notification WHERE user_id = $1 AND template_key = 'commitment_event' ORDER BY created_at, id`,
    [userId],
  );
}
