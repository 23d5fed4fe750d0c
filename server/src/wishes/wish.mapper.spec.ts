import { describe, expect, it } from '@jest/globals';
import { WishStatuses, type WishStatus } from '@xianfeng/shared';
import { canSee, maskName, seesWisherContact, toWish, type WishViewer } from './wish.mapper.js';
import type { WishRow } from './wishes.repository.js';

const row = (over: Partial<WishRow> = {}): WishRow => ({
  id: 'w1',
  org_id: 'o1',
  org_name: '社区',
  org_path: '/o1/',
  title: '修轮椅',
  description: '轮椅坏了',
  category: 'service',
  status: 'open',
  wisher_user_id: 'u-wisher',
  posted_by: 'u-wisher',
  wisher_name: '张三丰',
  wisher_phone: '13912345678',
  content_held: false,
  reject_reason: null,
  expires_on: null,
  claimant_member_id: null,
  claimant_name: null,
  claimant_user_id: null,
  claimed_at: null,
  fulfil_note: null,
  fulfil_photos: [],
  note_held: false,
  fulfilled_at: null,
  thanks: null,
  thanks_held: false,
  rating: null,
  confirmed_at: null,
  created_at: new Date('2026-01-01T00:00:00Z'),
  updated_at: new Date('2026-01-01T00:00:00Z'),
  created_key: '2026-01-01T00:00:00.000000Z',
  ...over,
});

const PUBLIC: WishViewer = { wisher: false, claimer: false, staff: false };
const CLAIMER: WishViewer = { wisher: false, claimer: true, staff: false };
const STAFF: WishViewer = { wisher: false, claimer: false, staff: true };
const WISHER: WishViewer = { wisher: true, claimer: false, staff: false };

describe('wish visibility', () => {
  it('masks a name to its first character (a whole code point) and two stars', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李**');
    expect(maskName(' 王五 ')).toBe('王**');
    expect(maskName('𠀋一')).toBe('𠀋**');
    expect(maskName(null)).toBe('居民');
    expect(maskName('  ')).toBe('居民');
  });

  it.each(WishStatuses.map((s) => [s]))('decides who may see a %s wish', (status: WishStatus) => {
    const isPublic = ['open', 'claimed', 'fulfilled', 'confirmed'].includes(status);
    expect(canSee({ status }, PUBLIC)).toBe(isPublic);
    expect(canSee({ status }, STAFF)).toBe(true);
    expect(canSee({ status }, WISHER)).toBe(true);
  });

  it.each([
    ['claimed', true],
    ['fulfilled', true],
    ['confirmed', false],
    ['open', false],
  ] as Array<[WishStatus, boolean]>)('gives the claimer the contact of a %s wish: %s', (status, sees) => {
    expect(seesWisherContact({ status }, CLAIMER)).toBe(sees);
    expect(seesWisherContact({ status }, STAFF)).toBe(true);
    expect(seesWisherContact({ status }, WISHER)).toBe(true);
    expect(seesWisherContact({ status }, PUBLIC)).toBe(false);
  });

  it('never puts the phone, the full name or the wisher account into the public shape', () => {
    for (const status of ['open', 'claimed', 'fulfilled', 'confirmed'] as WishStatus[]) {
      const claimedish = status !== 'open';
      const w = toWish(
        row({ status, claimant_member_id: claimedish ? 'm1' : null, claimant_name: claimedish ? '王' : null, reject_reason: 'x' }),
        PUBLIC,
        [],
      );
      const json = JSON.stringify(w);
      expect(json).not.toContain('13912345678');
      expect(json).not.toContain('张三丰');
      expect(json).not.toContain('u-wisher');
      expect(w).not.toHaveProperty('wisher');
      expect(w).not.toHaveProperty('rejectReason');
      expect(w).not.toHaveProperty('held');
    }
  });

  it('hides held texts from the public only', () => {
    const r = row({
      status: 'confirmed',
      claimant_member_id: 'm1',
      claimant_name: '王',
      fulfil_note: '完成',
      note_held: true,
      fulfilled_at: new Date(),
      thanks: '谢谢',
      thanks_held: true,
      rating: 5,
      confirmed_at: new Date(),
    });
    expect(toWish(r, PUBLIC).fulfilment?.note).toBeNull();
    expect(toWish(r, PUBLIC).confirmation).toMatchObject({ thanks: null, rating: 5 });
    for (const v of [STAFF, WISHER, CLAIMER]) {
      expect(toWish(r, v).fulfilment?.note).toBe('完成');
      expect(toWish(r, v).confirmation?.thanks).toBe('谢谢');
    }
  });

  it('shows notes in the history only to staff and the wisher', () => {
    const ev = { id: 'e', action: 'reject' as const, from_status: 'pending_review' as const, to_status: 'rejected' as const, actor_role: 'staff' as const, actor_member_name: null, on_behalf: false, note: '理由', created_at: new Date() };
    expect(toWish(row(), STAFF, [ev]).history?.[0].note).toBe('理由');
    expect(toWish(row(), PUBLIC, [ev]).history?.[0]).not.toHaveProperty('note');
    expect(toWish(row(), CLAIMER, [ev]).history?.[0]).not.toHaveProperty('note');
  });
});
