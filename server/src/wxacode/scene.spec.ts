import { describe, expect, it } from '@jest/globals';
import { decodeScene, encodeScene } from '@xianfeng/shared';
import { randomUUID } from 'node:crypto';

describe('mini-program code scene (shared encodeScene / decodeScene)', () => {
  it('names a card or a board in 23 characters WeChat accepts, and reads back the same uuid', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      for (const kind of ['member', 'org'] as const) {
        const scene = encodeScene({ kind, id });
        expect(scene).toHaveLength(23);
        expect(scene).toMatch(/^[mo][A-Za-z0-9_-]{22}$/);
        expect(decodeScene(scene)).toEqual({ kind, id });
        // what a page receives in options.scene is URL-encoded
        expect(decodeScene(encodeURIComponent(scene))).toEqual({ kind, id });
      }
    }
  });

  it('round-trips the edge values and normalises case', () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']) {
      expect(decodeScene(encodeScene({ kind: 'member', id }))).toEqual({ kind: 'member', id });
    }
    const upper = 'ABCDEF01-2345-4789-8BCD-EF0123456789';
    expect(decodeScene(encodeScene({ kind: 'org', id: upper }))).toEqual({ kind: 'org', id: upper.toLowerCase() });
  });

  it('reads nothing from a scene it did not make', () => {
    for (const bad of [undefined, null, '', 'm', 'x' + 'A'.repeat(22), 'm' + 'A'.repeat(21), 'm' + 'A'.repeat(23), 'm' + 'A'.repeat(21) + 'B', '%E0%A4%A', 'm' + '!'.repeat(22)]) {
      expect(decodeScene(bad)).toBeNull();
    }
    expect(() => encodeScene({ kind: 'member', id: 'not-a-uuid' })).toThrow('uuid');
  });
});
