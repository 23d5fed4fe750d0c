import { describe, expect, it } from '@jest/globals';
import { codePointLength, templateKeyType, templateValueLimit, truncateTemplateData, truncateTemplateValue } from './template-limits.js';

describe('templateKeyType', () => {
  it.each([
    ['thing1', 'thing'],
    ['thing12', 'thing'],
    ['character_string3', 'character_string'],
    ['phone_number1', 'phone_number'],
    ['time4', 'time'],
    ['name', 'name'],
  ])('%s → %s', (key, type) => expect(templateKeyType(key)).toBe(type));
});

describe('templateValueLimit', () => {
  it.each([
    ['thing1', '任意', 20],
    ['name1', '张三', 10],
    ['name1', 'Zhang San', 20],
    ['name1', 'Li 小明', 10],
    ['phrase2', '完成', 5],
    ['number3', '1', 32],
    ['character_string4', 'A1', 32],
    ['phone_number5', '1', 17],
    ['date6', '2025-01-01', undefined],
    ['amount7', '1.00', undefined],
  ])('%s (%s) → %p', (key, value, limit) => expect(templateValueLimit(key, value)).toBe(limit));
});

describe('truncateTemplateValue', () => {
  it('leaves values within the limit alone', () => {
    expect(truncateTemplateValue('thing1', '一'.repeat(20))).toBe('一'.repeat(20));
    expect(truncateTemplateValue('name1', 'a'.repeat(20))).toBe('a'.repeat(20));
    expect(truncateTemplateValue('thing1', '')).toBe('');
  });

  it('cuts free text to the limit, ending in …', () => {
    const cut = truncateTemplateValue('thing1', '社区志愿服务活动将于本周六上午九点在党群服务中心举行');
    expect(cut).toBe('社区志愿服务活动将于本周六上午九点在党…');
    expect(codePointLength(cut)).toBe(20);
  });

  it('cuts a Chinese name to 10 and a latin name to 20', () => {
    expect(truncateTemplateValue('name2', '欧阳'.repeat(6))).toBe('欧阳欧阳欧阳欧阳欧…');
    expect(truncateTemplateValue('name2', 'Alexander Montgomery-Smith')).toBe('Alexander Montgomer…');
  });

  it('cuts phrases, numbers, codes and phone numbers without an ellipsis (it would make them invalid)', () => {
    expect(truncateTemplateValue('phrase1', '已经全部完成')).toBe('已经全部完');
    expect(truncateTemplateValue('number1', '1'.repeat(40))).toBe('1'.repeat(32));
    expect(truncateTemplateValue('character_string1', 'X'.repeat(33))).toBe('X'.repeat(32));
    expect(truncateTemplateValue('phone_number1', '+86-138-0013-8000-99')).toBe('+86-138-0013-8000');
  });

  it('counts code points, never splitting an emoji or a supplementary-plane character', () => {
    const value = '🎉'.repeat(25);
    const cut = truncateTemplateValue('thing1', value);
    expect(cut).toBe('🎉'.repeat(19) + '…');
    expect(cut.length).toBe(39); // 19 surrogate pairs + one BMP character
    expect(truncateTemplateValue('thing1', '𠀀'.repeat(20))).toBe('𠀀'.repeat(20));
  });

  it('leaves unlimited types (date, time, amount) alone', () => {
    expect(truncateTemplateValue('time1', '2025年07月01日 09:00 到 2025年07月01日 11:00')).toBe(
      '2025年07月01日 09:00 到 2025年07月01日 11:00',
    );
  });

  it('truncateTemplateData cuts every entry', () => {
    expect(truncateTemplateData({ thing1: { value: '长'.repeat(30) }, time2: { value: '09:00' } })).toEqual({
      thing1: { value: '长'.repeat(19) + '…' },
      time2: { value: '09:00' },
    });
  });
});
