import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TEMPLATES, governing, renderTemplate, templateFor, unknownPlaceholders, type OrgTemplates } from './greeting-templates.js';

const settings = (org_id: string, path: string, birthday_template = `${org_id}的生日祝福`): OrgTemplates => ({
  org_id,
  path,
  birthday_template,
  political_birthday_template: `${org_id}的政治生日祝福`,
  auto_send: true,
  send_hour: 9,
});

describe('greeting templates', () => {
  it('fills {name} {years} {org} wherever they stand and leaves other braces as written', () => {
    expect(renderTemplate('{name}：入党{years}年，{org}祝贺！{name}{unknown}', { name: '张三', years: 20, org: '第一党支部' })).toBe(
      '张三：入党20年，第一党支部祝贺！张三{unknown}',
    );
  });

  it('names each unknown placeholder under the template it is in', () => {
    expect(unknownPlaceholders({ birthday: '{name}{nmae}', political_birthday: '{years}{}' })).toEqual([
      { field: 'templates.birthday', message: '未知占位符 {nmae}：只能用 {name} {years} {org}' },
      { field: 'templates.political_birthday', message: '未知占位符 {}：只能用 {name} {years} {org}' },
    ]);
    expect(unknownPlaceholders(DEFAULT_TEMPLATES)).toEqual([]);
  });

  it('takes the nearest settings up the tree, and the default text where there are none', () => {
    const all = [settings('street', '/s/'), settings('branch', '/s/c/b/')];
    expect(governing(all, '/s/c/b/')?.org_id).toBe('branch');
    expect(governing(all, '/s/c/')?.org_id).toBe('street');
    expect(governing(all, '/other/')).toBeNull();
    expect(templateFor(governing(all, '/s/c/'), 'political_birthday')).toBe('street的政治生日祝福');
    expect(templateFor(null, 'birthday')).toBe(DEFAULT_TEMPLATES.birthday);
  });
});
