import { describe, expect, it } from '@jest/globals';
import { packForCheck } from './content-check.js';

describe('packing text for the content check', () => {
  it('joins short parts into one piece', () => {
    expect(packForCheck(['标题', '内容', '事项一'])).toEqual(['标题\n内容\n事项一']);
  });

  it('starts a new piece when the next part would pass the limit, and never cuts a part that fits', () => {
    const pieces = packForCheck(['a'.repeat(6), 'b'.repeat(4), 'c'.repeat(3)], 10);
    expect(pieces).toEqual(['a'.repeat(6), 'b'.repeat(4) + '\n' + 'c'.repeat(3)]);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(10);
  });

  it('counts characters, not UTF-16 units, and skips empty parts', () => {
    expect(packForCheck(['😀'.repeat(5), '', '😀'.repeat(4)], 10)).toEqual(['😀'.repeat(5) + '\n' + '😀'.repeat(4)]);
    expect(packForCheck(['', ''])).toEqual([]);
  });

  it('a commitment at its limits fits in two calls', () => {
    const pieces = packForCheck(['题'.repeat(50), '文'.repeat(2000), ...Array.from({ length: 10 }, () => '项'.repeat(200))]);
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(2500);
  });
});
