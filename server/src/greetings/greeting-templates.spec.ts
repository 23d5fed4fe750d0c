import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TEMPLATES, earlySendRefusal, governing, renderTemplate, templateFor, unknownPlaceholders, type OrgTemplates } from './greeting-templates.js';

const settings = (org_id: string, path: string, birthday_template = `${org_id}的生日祝福`): OrgTemplates => ({
  org_id,
  path,
  birthday_template,
  political_birthday_template: `${org_id}的政治生日祝福`,
  auto_send: true,
  send_hour: 9,
});

describe('greeting templates', () => {
  it('fills {name} {years} {org} {date} wherever they stand and leaves other braces as written', () => {
    expect(renderTemplate('{name}：{date}入党{years}年，{org}祝贺！{name}{unknown}{constructor}', { name: '张三', years: 20, org: '第一党支部', on: '2026-07-01' })).toBe(
      '张三：7月1日入党20年，第一党支部祝贺！张三{unknown}{constructor}',
    );
  });

  it('default cards name the day instead of saying 今天', () => {
    const v = { name: '李四', years: 30, org: '第二党支部', on: '2026-12-05' };
    expect(renderTemplate(DEFAULT_TEMPLATES.birthday, v)).toMatch(/^李四同志：12月5日是您的生日/);
    expect(renderTemplate(DEFAULT_TEMPLATES.political_birthday, v)).toContain('12月5日是您的政治生日。30年前的这一天');
    for (const t of Object.values(DEFAULT_TEMPLATES)) expect(t).not.toContain('今天');
  });

  it('lets a text that says 今天 go out on the day only', () => {
    expect(earlySendRefusal('今天是您的生日', '2026-12-05', '2026-12-05')).toBeNull();
    expect(earlySendRefusal('12月5日是您的生日', '2026-12-05', '2026-12-01')).toBeNull();
    expect(earlySendRefusal('今天是您的生日', '2026-12-05', '2026-12-01')).toContain('请在当天发送');
    expect(earlySendRefusal('今天是您的生日', '2026-12-05', '2026-12-09')).not.toContain('当天发送');
  });

  it('names each unknown placeholder under the template it is in', () => {
    expect(unknownPlaceholders({ birthday: '{name}{nmae}', political_birthday: '{years}{}' })).toEqual([
      { field: 'templates.birthday', message: '未知占位符 {nmae}：只能用 {name} {years} {org} {date}' },
      { field: 'templates.political_birthday', message: '未知占位符 {}：只能用 {name} {years} {org} {date}' },
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
