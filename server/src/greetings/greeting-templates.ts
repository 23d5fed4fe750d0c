import type { ErrorDetail, GreetingKind, GreetingSettings } from '@xianfeng/shared';

/**
 * The text a greeting gets where no organisation up the tree has written its own. It names the
 * occasion's date ({date}), never "today": staff may send a card days ahead, and the member may open
 * it days later.
 */
export const DEFAULT_TEMPLATES: GreetingSettings['templates'] = {
  birthday: '{name}同志：{date}是您的生日，{org}全体党员祝您生日快乐、身体健康、工作顺利！',
  political_birthday: '{name}同志：{date}是您的政治生日。{years}年前的这一天，您在党旗下庄严宣誓。{org}祝您政治生日快乐，不忘初心、牢记使命！',
};

export const KIND_LABELS: Record<GreetingKind, string> = { birthday: '生日祝福', political_birthday: '政治生日祝福' };

const PLACEHOLDER_RE = /\{([^{}]*)\}/g;
const PLACEHOLDERS = new Set(['name', 'years', 'org', 'date']);

export interface TemplateValues {
  name: string;
  years: number;
  org: string;
  /** The occasion's day, YYYY-MM-DD. */
  on: string;
}

/** 2026-12-05 → 12月5日: how a card names the day. */
export function occasionDateLabel(on: string): string {
  return `${Number(on.slice(5, 7))}月${Number(on.slice(8, 10))}日`;
}

/** Fills {name} {years} {org} {date}; anything else in braces is left as written. */
export function renderTemplate(template: string, v: TemplateValues): string {
  const values = new Map([
    ['name', v.name],
    ['years', String(v.years)],
    ['org', v.org],
    ['date', occasionDateLabel(v.on)],
  ]);
  return template.replace(PLACEHOLDER_RE, (all, key: string) => values.get(key) ?? all);
}

/**
 * Why a card cannot go out on `today` for an occasion on `on`, or null when it can. A text that says
 * 今天 would be false on any other day; one that names the date ({date}) may be sent ahead.
 */
export function earlySendRefusal(message: string, on: string, today: string): string | null {
  if (on === today || !message.includes('今天')) return null;
  return `贺卡写着“今天”，但纪念日是${occasionDateLabel(on)}：${on > today ? '请在当天发送，或' : '请'}把贺卡里的“今天”改成纪念日日期（祝福设置里用 {date}）`;
}

/** One error per unknown placeholder, named by the template it is in (`templates.birthday`). */
export function unknownPlaceholders(templates: GreetingSettings['templates']): ErrorDetail[] {
  return Object.entries(templates).flatMap(([kind, text]) =>
    [...text.matchAll(PLACEHOLDER_RE)]
      .filter((m) => !PLACEHOLDERS.has(m[1]))
      .map((m) => ({ field: `templates.${kind}`, message: `未知占位符 ${m[0]}：只能用 {name} {years} {org} {date}` })),
  );
}

/** Settings as the tree holds them: one organisation's own, with its path. */
export interface OrgTemplates {
  org_id: string;
  path: string;
  birthday_template: string;
  political_birthday_template: string;
  auto_send: boolean;
  send_hour: number;
}

/** The nearest settings up the tree govern a member (an organisation without its own inherits). */
export function governing<S extends Pick<OrgTemplates, 'path'>>(settings: S[], path: string): S | null {
  let best: S | null = null;
  for (const s of settings) if (path.startsWith(s.path) && (!best || s.path.length > best.path.length)) best = s;
  return best;
}

/** The template for a kind of greeting: the governing settings' own, else the default. */
export function templateFor(s: OrgTemplates | null, kind: GreetingKind): string {
  return kind === 'birthday' ? (s?.birthday_template ?? DEFAULT_TEMPLATES.birthday) : (s?.political_birthday_template ?? DEFAULT_TEMPLATES.political_birthday);
}
