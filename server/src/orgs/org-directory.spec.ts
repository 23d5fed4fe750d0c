import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { OrgDirectory } from './org-directory.js';
import type { OrgsRepository } from './orgs.repository.js';
import type { PgListener } from '../database/pg-listener.js';

// isStaffOf is pure: no database behind it.
const directory = new OrgDirectory(null as unknown as DataSource, null as unknown as OrgsRepository, null as unknown as PgListener);

const ROOT = '11111111-1111-4111-8111-111111111111';
const BRANCH = '22222222-2222-4222-8222-222222222222';
const CELL = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';
const cell = { path: `/${ROOT}/${BRANCH}/${CELL}/` };
const branch = { path: `/${ROOT}/${BRANCH}/` };

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  openid: 'o',
  isAdmin: false,
  staffOrgIds: [],
  memberId: null,
  memberOrgId: null,
  ...over,
});

describe('OrgDirectory.isStaffOf', () => {
  it('says no to an anonymous caller and to a user without grants', () => {
    expect(directory.isStaffOf(null, cell)).toBe(false);
    expect(directory.isStaffOf(actor(), cell)).toBe(false);
  });

  it('says yes to an admin anywhere', () => {
    expect(directory.isStaffOf(actor({ isAdmin: true }), cell)).toBe(true);
  });

  it('covers the organisation of the grant and everything under it', () => {
    const staff = actor({ staffOrgIds: [BRANCH] });
    expect(directory.isStaffOf(staff, branch)).toBe(true);
    expect(directory.isStaffOf(staff, cell)).toBe(true);
  });

  it('does not reach up the tree or sideways', () => {
    expect(directory.isStaffOf(actor({ staffOrgIds: [CELL] }), branch)).toBe(false);
    expect(directory.isStaffOf(actor({ staffOrgIds: [OTHER] }), cell)).toBe(false);
  });

  it('matches whole ids, not a prefix of one', () => {
    expect(directory.isStaffOf(actor({ staffOrgIds: [BRANCH.slice(0, 8)] }), cell)).toBe(false);
  });
});
