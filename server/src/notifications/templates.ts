import dayjs from 'dayjs';
import { Pages, pageLink, type NotificationTemplateKey } from '@xianfeng/shared';
import { ZONE } from '../common/dates.js';

/**
 * One subscribe-message template per kind of event, each with a fixed field layout (the keys are
 * WeChat's: the prefix is the value type, which decides the length limit — see template-limits.ts).
 * Template ids come from configuration by key (WECHAT_TEMPLATE_GREETING, …).
 */
export const TEMPLATE_FIELDS: Record<NotificationTemplateKey, Record<string, string>> = {
  greeting: { thing1: '祝福类型', name2: '姓名', date3: '日期', thing4: '祝福语' },
  wish_event: { thing1: '心愿名称', phrase2: '状态', thing3: '说明', time4: '时间' },
  commitment_event: { thing1: '承诺事项', phrase2: '状态', thing3: '说明', time4: '时间' },
  service_event: { thing1: '服务事项', phrase2: '状态', thing3: '说明', time4: '时间' },
};

/** What an event hands to the outbox. `dedupeKey` makes the notification happen once per event and user. */
export interface NotificationInput {
  userId: string;
  templateKey: NotificationTemplateKey;
  /** Inbox title and body (the full text; the subscribe message carries a cut-down version). */
  title: string;
  body: string;
  /** Mini-program page the message opens: a page of shared's `Pages` with its query (`packages/wish/detail/index?id=…`). */
  page?: string;
  data: Record<string, string>;
  dedupeKey: string;
}

const now = () => dayjs().tz(ZONE).format('YYYY-MM-DD HH:mm');

export function greetingNotification(p: {
  userId: string;
  greetingId: string;
  kindLabel: string;
  memberName: string;
  occasionOn: string;
  message: string;
}): NotificationInput {
  return {
    userId: p.userId,
    templateKey: 'greeting',
    title: p.kindLabel,
    body: p.message,
    page: pageLink(Pages.greetings, { id: p.greetingId }),
    data: { thing1: p.kindLabel, name2: p.memberName, date3: p.occasionOn, thing4: p.message },
    dedupeKey: `greeting:${p.greetingId}`,
  };
}

/** A wish event for one user: `event` is short (≤ 5 characters: 已通过 / 已认领 / 已完成 / 已确认 …). */
export function wishNotification(p: { userId: string; wishId: string; wishTitle: string; event: string; note: string; dedupeKey: string }): NotificationInput {
  return {
    userId: p.userId,
    templateKey: 'wish_event',
    title: `微心愿「${p.wishTitle}」${p.event}`,
    body: p.note,
    page: pageLink(Pages.wishDetail, { id: p.wishId }),
    data: { thing1: p.wishTitle, phrase2: p.event, thing3: p.note, time4: now() },
    dedupeKey: p.dedupeKey,
  };
}

/** A commitment event for one user: `event` is short (≤ 5 characters: 已通过 / 被退回 / 已践诺 / 新评价 …). */
export function commitmentNotification(p: {
  userId: string;
  commitmentId: string;
  commitmentTitle: string;
  event: string;
  note: string;
  dedupeKey: string;
}): NotificationInput {
  return {
    userId: p.userId,
    templateKey: 'commitment_event',
    title: `承诺「${p.commitmentTitle}」${p.event}`,
    body: p.note,
    page: pageLink(Pages.commitmentDetail, { id: p.commitmentId }),
    data: { thing1: p.commitmentTitle, phrase2: p.event, thing3: p.note, time4: now() },
    dedupeKey: p.dedupeKey,
  };
}

/**
 * A community-service event (报到通过, 活动提醒, 时长确认, 一卡反馈) for one user: `event` is short
 * (≤ 5 characters), `page` a link built with pageLink from one of the packages/service pages.
 */
export function serviceNotification(p: { userId: string; subject: string; event: string; note: string; page: string; dedupeKey: string; time?: string }): NotificationInput {
  return {
    userId: p.userId,
    templateKey: 'service_event',
    title: `${p.subject}${p.event}`,
    body: p.note,
    page: p.page,
    data: { thing1: p.subject, phrase2: p.event, thing3: p.note, time4: p.time ?? now() },
    dedupeKey: p.dedupeKey,
  };
}
