import type { Greeting } from '@xianfeng/shared';
import type { GreetingRow } from './greetings.repository.js';

export const toGreeting = (r: GreetingRow): Greeting => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.member_name,
  kind: r.kind,
  occasionOn: r.occasion_on,
  years: r.years,
  message: r.message,
  orgName: r.org_name,
  sentAt: r.sent_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});
