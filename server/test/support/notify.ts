import type { StandinHandle } from '../../src/wechat/standin/standin.js';
import { bearer, type TestApp } from './app.js';

/** Tells the stand-in WeChat to fail or slow the next `times` calls of a route. */
export async function fault(standin: StandinHandle, f: { route: string; errcode?: number; delayMs?: number; times: number }) {
  const res = await fetch(`${standin.url}/__standin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });
  if (!res.ok) throw new Error(`fault: ${res.status}`);
}

/** Subscribe messages the stand-in accepted, read back over HTTP, optionally for one openid. */
export async function messages(standin: StandinHandle, touser?: string): Promise<Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }>> {
  const all = (await (await fetch(`${standin.url}/__standin/messages`)).json()) as Array<{ touser: string; template_id: string; data: Record<string, { value: string }> }>;
  return touser ? all.filter((m) => m.touser === touser) : all;
}

export async function calls(standin: StandinHandle): Promise<Record<string, number>> {
  return (await (await fetch(`${standin.url}/__standin/calls`)).json()) as Record<string, number>;
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 8000, step = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, step));
  }
}

/** Accepts `n` one-time grants of every template for the user. */
export async function subscribe(t: TestApp, token: string, n = 1) {
  const tpl = (await t.http.get('/api/v1/subscriptions/templates').set('Authorization', bearer(token))).body as Array<{ templateId: string }>;
  for (let i = 0; i < n; i++) {
    await t.http
      .post('/api/v1/subscriptions')
      .set('Authorization', bearer(token))
      .send({ results: Object.fromEntries(tpl.map((x) => [x.templateId, 'accept'])) });
  }
}

export async function notificationRows(t: TestApp, userId: string) {
  return t.dataSource.query(`SELECT id, status, attempts, last_error, template_key FROM notification WHERE user_id = $1 ORDER BY created_at`, [userId]) as Promise<
    Array<{ id: string; status: string; attempts: number; last_error: string | null; template_key: string }>
  >;
}
