import { beforeAll, describe, expect } from '@jest/globals';
import { CommitmentStatuses, ReviewKinds, type Commitment, type CommitmentStatus, type ReviewKind } from '@xianfeng/shared';
import { useTestApp } from './support/app.js';
import { api, buildCast, commitmentIn, statusOf, type Cast, type Person } from './support/commitments.js';
import { expectErrorShape } from './support/fixtures.js';

/**
 * Every lifecycle step, from every state, by every kind of caller, for member and branch commitments
 * alike — over real HTTP. The expectations come from the contract, written out here independently
 * of the server's own state table:
 *   anonymous → 401; a staff-only route for someone with no staff role → 403;
 *   a commitment the caller may not see → 404; seen but not theirs to act on → 403;
 *   a step the current state does not allow → 409 INVALID_STATE_TRANSITION naming the state.
 */
const ROLES = ['owner', 'peer', 'otherMember', 'branchStaff', 'staffAbove', 'otherStaff', 'resident', 'anonymous'] as const;
type Role = (typeof ROLES)[number];
const OWNER_TYPES = ['member', 'branch'] as const;
type OwnerType = (typeof OWNER_TYPES)[number];

const ACTIONS = ['submit', 'approve', 'return', 'withdraw', 'fulfil', 'edit', 'progress'] as const;
type Action = (typeof ACTIONS)[number];

const ALLOWED_FROM: Record<Action, CommitmentStatus[]> = {
  submit: ['draft'],
  approve: ['pending_review'],
  return: ['pending_review'],
  withdraw: ['draft', 'pending_review'],
  fulfil: ['published'],
  edit: ['draft'],
  progress: ['published'],
};
const LEADS_TO: Partial<Record<Action, CommitmentStatus>> = {
  submit: 'pending_review',
  approve: 'published',
  return: 'draft',
  withdraw: 'withdrawn',
  fulfil: 'fulfilled',
};
const STAFF_ROUTES: Action[] = ['approve', 'return', 'fulfil'];
const PUBLIC: CommitmentStatus[] = ['published', 'fulfilled'];

/** In the member case "owner" is the member; in the branch case the owners are branch A's staff (and staff above). */
const owners = (ot: OwnerType): Role[] => (ot === 'member' ? ['owner'] : ['branchStaff', 'staffAbove']);
const staffOfOrg: Role[] = ['branchStaff', 'staffAbove'];
const hasStaffRole: Role[] = ['branchStaff', 'staffAbove', 'otherStaff'];
const membersOfBranchA: Role[] = ['owner', 'peer'];

const sees = (ot: OwnerType, role: Role, status: CommitmentStatus) => PUBLIC.includes(status) || owners(ot).includes(role) || staffOfOrg.includes(role);

function expectedStep(ot: OwnerType, action: Action, status: CommitmentStatus, role: Role): number {
  if (role === 'anonymous') return 401;
  const staffRoute = STAFF_ROUTES.includes(action);
  if (staffRoute && !hasStaffRole.includes(role)) return 403;
  if (!sees(ot, role, status)) return 404;
  if (!(staffRoute ? staffOfOrg : owners(ot)).includes(role)) return 403;
  if (!ALLOWED_FROM[action].includes(status)) return 409;
  return action === 'progress' ? 201 : 200;
}

function expectedReview(ot: OwnerType, kind: ReviewKind, status: CommitmentStatus, role: Role): number {
  if (role === 'anonymous') return 401;
  if (!sees(ot, role, status)) return 404;
  const isOwner = owners(ot).includes(role);
  const may =
    kind === 'org' ? staffOfOrg.includes(role) && !(ot === 'member' && isOwner) : kind === 'peer' ? membersOfBranchA.includes(role) && !(ot === 'member' && isOwner) : !isOwner;
  if (!may) return 403;
  if (!PUBLIC.includes(status)) return 409;
  return 201;
}

const CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 409: 'INVALID_STATE_TRANSITION' };

describe('commitment lifecycle: every step × state × caller', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let cast: Cast;
  let a: ReturnType<typeof api>;
  /** One commitment per owner type and status, for the refused cases (a refusal changes nothing). */
  const bases = {} as Record<OwnerType, Record<CommitmentStatus, Commitment>>;

  const person = (role: Role): Person | null =>
    role === 'anonymous'
      ? null
      : { owner: cast.ownerMember, peer: cast.peerMember, otherMember: cast.otherMember, branchStaff: cast.branchStaff, staffAbove: cast.staffAbove, otherStaff: cast.otherStaff, resident: cast.resident }[role];

  const perform = (action: Action, id: string, token: string | null) => {
    switch (action) {
      case 'edit':
        return a.edit(id, token, { title: '改过的标题' });
      case 'progress':
        return a.step(id, 'progress', token, { text: '本周走访了 3 户' });
      case 'return':
        return a.step(id, 'return', token, { reason: '请把事项写具体' });
      default:
        return a.step(id, action, token);
    }
  };

  const footprint = async (id: string) => {
    const [row] = await t.dataSource.query(
      `SELECT c.status, c.title, (SELECT count(*)::int FROM commitment_event e WHERE e.commitment_id = c.id) AS events,
              (SELECT count(*)::int FROM commitment_progress p WHERE p.commitment_id = c.id) AS progress
         FROM commitment c WHERE c.id = $1`,
      [id],
    );
    return row;
  };

  beforeAll(async () => {
    cast = await buildCast(t);
    a = api(cast);
    for (const ot of OWNER_TYPES) {
      bases[ot] = {} as Record<CommitmentStatus, Commitment>;
      for (const s of CommitmentStatuses) bases[ot][s] = await commitmentIn(cast, s, { ownerType: ot });
    }
  }, 60_000);

  const stepCases = OWNER_TYPES.flatMap((ot) =>
    ACTIONS.flatMap((action) => CommitmentStatuses.flatMap((status) => ROLES.map((role) => [ot, action, status, role, expectedStep(ot, action, status, role)] as const))),
  );

  it.each(stepCases)('%s commitment: %s from %s by %s → %i', async (ot, action, status, role, expected) => {
    const who = person(role);
    const allowed = expected < 300;
    const target = allowed ? await commitmentIn(cast, status, { ownerType: ot }) : bases[ot][status];
    const before = await footprint(target.id);
    const res = await perform(action, target.id, who?.token ?? null);
    expect(res.status).toBe(expected);
    const after = await footprint(target.id);
    if (allowed) {
      const now = LEADS_TO[action] ?? status;
      expect(res.body.status).toBe(now);
      expect(after.status).toBe(now);
      if (LEADS_TO[action]) expect(after.events).toBe(before.events + 1);
      if (action === 'edit') expect(after.title).toBe('改过的标题');
      if (action === 'progress') expect(after.progress).toBe(before.progress + 1);
    } else {
      expectErrorShape(res.body, expected, CODES[expected] ?? res.body.code);
      if (expected === 403) expect(['FORBIDDEN', 'NOT_A_MEMBER']).toContain(res.body.code);
      if (expected === 409) expect(res.body.message).toContain(status);
      expect(after).toEqual(before); // nothing moved, nothing written
    }
  });

  const reviewCases = OWNER_TYPES.flatMap((ot) =>
    ReviewKinds.flatMap((kind) => CommitmentStatuses.flatMap((status) => ROLES.map((role) => [ot, kind, status, role, expectedReview(ot, kind, status, role)] as const))),
  );

  it.each(reviewCases)('%s commitment: %s review on %s by %s → %i', async (ot, kind, status, role, expected) => {
    const who = person(role);
    const target = bases[ot][status];
    const res = await a.step(target.id, 'reviews', who?.token ?? null, { kind, score: 4, comment: '认真履诺' });
    expect(res.status).toBe(expected);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM commitment_review WHERE commitment_id = $1 AND kind = $2 AND reviewer_user_id = $3`, [
      target.id,
      kind,
      who?.userId ?? '00000000-0000-4000-8000-000000000000',
    ]);
    if (expected === 201) {
      expect(n).toBe(1);
      expect(res.body.reviewSummary[kind].count).toBeGreaterThanOrEqual(1);
      expect(res.body.reviews.find((r: { mine: boolean; kind: string }) => r.mine && r.kind === kind)).toMatchObject({ score: 4, comment: '认真履诺' });
    } else {
      expectErrorShape(res.body, expected, CODES[expected] ?? 'FORBIDDEN');
      if (expected === 409) expect(res.body.message).toContain(status);
      expect(n).toBe(0);
    }
    expect(await statusOf(t, target.id)).toBe(status);
  });
});
