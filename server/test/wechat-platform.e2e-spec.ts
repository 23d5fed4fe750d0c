import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { encodeScene, Pages } from '@xianfeng/shared';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encryptPush, pushSignature } from '../src/wechat/push/push-crypto.js';
import { startStandin, type StandinHandle } from '../src/wechat/standin/standin.js';
import { bearer, createTestApp, useTestApp, type TestApp } from './support/app.js';
import { bindMember, buildTree, createMember, expectErrorShape, type Tree } from './support/fixtures.js';

const png = readFileSync(new URL('./fixtures/1x1.png', import.meta.url));

// jsqr is CommonJS with an ES-style default: depending on the loader the function is the module or its `default`.
type ReadQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: ReadQr = ((jsqrModule as unknown as { default?: ReadQr }).default ?? jsqrModule) as unknown as ReadQr;

/** The text of the QR code in a PNG. */
function readQr(image: Buffer): string | null {
  const decoded = PNG.sync.read(image);
  return jsQR(new Uint8ClampedArray(decoded.data), decoded.width, decoded.height)?.data ?? null;
}

async function calls(t: TestApp, path: string): Promise<number> {
  const res = await fetch(`${t.standin.url}/__standin/calls`);
  return ((await res.json()) as Record<string, number>)[path] ?? 0;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A push as WeChat sends it in safe mode, signed with the test app's credentials. */
function sealedPush(t: TestApp, message: Record<string, unknown>, over: { token?: string } = {}) {
  const { token, aesKey } = t.config.wechatPush;
  const encrypted = encryptPush(aesKey, t.config.wechatAppId, JSON.stringify(message));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const signWith = over.token ?? token;
  const query = {
    signature: pushSignature(signWith, timestamp, nonce),
    timestamp,
    nonce,
    encrypt_type: 'aes',
    msg_signature: pushSignature(signWith, timestamp, nonce, encrypted),
  };
  return { query, body: { ToUserName: 'gh_x', Encrypt: encrypted } };
}

// Generous WeChat timeout: drawing QR codes on a busy test machine can take a second or more.
const SLOW_OK = { WECHAT_TIMEOUT_MS: '15000' };

describe('WeChat platform', () => {
  const t = useTestApp({ env: SLOW_OK });
  let tree: Tree;
  beforeAll(async () => {
    tree = await buildTree(t);
  });

  describe('mini-program codes', () => {
    it("answers a PNG whose QR opens the member's card with the member's scene, generated once", async () => {
      const { member } = await createMember(t, tree.adminToken, tree.branchA.id);
      const before = await calls(t, '/wxa/getwxacodeunlimit');
      const first = await t.http.get(`/api/v1/members/${member.id}/wxacode`).buffer(true);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('image/png');
      const scene = encodeScene({ kind: 'member', id: member.id });
      expect(readQr(first.body as Buffer)).toBe(`${Pages.card}?scene=${scene}`);
      const second = await t.http.get(`/api/v1/members/${member.id}/wxacode`).buffer(true);
      expect(second.status).toBe(200);
      expect(Buffer.compare(second.body as Buffer, first.body as Buffer)).toBe(0);
      expect(await calls(t, '/wxa/getwxacodeunlimit')).toBe(before + 1);
    });

    it("opens the organisation's board, and is 404 for what does not exist", async () => {
      const res = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/wxacode`).buffer(true);
      expect(res.status).toBe(200);
      expect(readQr(res.body as Buffer)).toBe(`${Pages.board}?scene=${encodeScene({ kind: 'org', id: tree.branchA.id })}`);
      const missing = await t.http.get('/api/v1/members/00000000-0000-4000-8000-000000000000/wxacode');
      expect(missing.status).toBe(404);
      expectErrorShape(missing.body, 404, 'NOT_FOUND');
      expect((await t.http.get('/api/v1/orgs/not-an-id/wxacode')).status).toBe(404);
    });

    it('asks WeChat once when many ask for a new code at the same moment', async () => {
      const { member } = await createMember(t, tree.adminToken, tree.branchA.id);
      const before = await calls(t, '/wxa/getwxacodeunlimit');
      const answers = await Promise.all(Array.from({ length: 8 }, () => t.http.get(`/api/v1/members/${member.id}/wxacode`).buffer(true)));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      expect(await calls(t, '/wxa/getwxacodeunlimit')).toBe(before + 1);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM wxacode WHERE scene = $1`, [encodeScene({ kind: 'member', id: member.id })]);
      expect(n).toBe(1);
    });

    it('gives the web client a plain QR of the card address', async () => {
      const { member } = await createMember(t, tree.adminToken, tree.branchA.id);
      const res = await t.http.get(`/api/v1/members/${member.id}/card-qr.svg`).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(String(res.body)).toContain('<svg');
    });
  });

  describe('a WeChat without the card page (41030)', () => {
    let standin: StandinHandle;
    let other: TestApp;
    beforeAll(async () => {
      standin = await startStandin({ pages: [Pages.home, Pages.board] });
      other = await createTestApp({ standin, env: SLOW_OK });
    });
    afterAll(async () => {
      await other.close();
      await standin.close();
    });

    it("answers WeChat's refusal as an upstream error and caches nothing", async () => {
      const admin = await other.login('test-admin');
      const org = await other.http.post('/api/v1/orgs').set('Authorization', bearer(admin.token)).send({ name: '页面测试支部', type: 'branch' });
      const { member } = await createMember(other, admin.token, org.body.id);
      const res = await other.http.get(`/api/v1/members/${member.id}/wxacode`);
      expect(res.status).toBe(502);
      expectErrorShape(res.body, 502, 'WECHAT_ERROR');
      const [{ n }] = await other.dataSource.query(`SELECT count(*)::int AS n FROM wxacode`);
      expect(n).toBe(0);
      expect((await other.http.get(`/api/v1/orgs/${org.body.id}/wxacode`)).status).toBe(200);
    });
  });

  describe('message push', () => {
    const verify = (q: Record<string, string>) => t.http.get('/api/v1/wechat/push').query(q);

    it('passes the URL check with the token signature, echoing echostr as plain text', async () => {
      const timestamp = '1700000000';
      const nonce = 'abc123';
      const ok = await verify({ signature: pushSignature(t.config.wechatPush.token, timestamp, nonce), timestamp, nonce, echostr: 'echo-42' });
      expect(ok.status).toBe(200);
      expect(ok.headers['content-type']).toMatch(/^text\/plain/);
      expect(ok.text).toBe('echo-42');
      const bad = await verify({ signature: pushSignature('another-token', timestamp, nonce), timestamp, nonce, echostr: 'echo-42' });
      expect(bad.status).toBe(401);
      expectErrorShape(bad.body, 401, 'WECHAT_SIGNATURE_INVALID');
      expect((await verify({ echostr: 'x' })).status).toBe(401);
    });

    it('refuses a push with a bad signature, a bad msg_signature or another key', async () => {
      const message = { ToUserName: 'gh', FromUserName: 'o1', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', trace_id: 'nobody', result: { suggest: 'pass' } };
      const forged = sealedPush(t, message, { token: 'not-our-token' });
      const res = await t.http.post('/api/v1/wechat/push').query(forged.query).send(forged.body);
      expect(res.status).toBe(401);
      expectErrorShape(res.body, 401, 'WECHAT_SIGNATURE_INVALID');
      const good = sealedPush(t, message);
      const tampered = await t.http.post('/api/v1/wechat/push').query({ ...good.query, msg_signature: good.query.signature }).send(good.body);
      expect(tampered.status).toBe(401);
      const alien = { ...good.body, Encrypt: encryptPush('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg', t.config.wechatAppId, JSON.stringify(message)) };
      const q = { ...good.query, msg_signature: pushSignature(t.config.wechatPush.token, good.query.timestamp, good.query.nonce, alien.Encrypt) };
      expect((await t.http.post('/api/v1/wechat/push').query(q).send(alien)).status).toBe(401);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM wechat_push_event`);
      expect(n).toBe(0);
    });

    it('handles a verdict once though WeChat sends it four times (three retries), even at once', async () => {
      const m = await bindMember(t, tree.branchA.id);
      const up = await t.http.post('/api/v1/uploads').set('Authorization', bearer(m.token)).attach('file', png, 'a.png');
      expect(up.status).toBe(201);
      const key = new URL(up.body.url).pathname.split('/').pop()!;
      const traceId = 'retried-trace-' + randomBytes(4).toString('hex');
      await t.dataSource.query(`UPDATE upload SET trace_id = $2 WHERE key = $1`, [key, traceId]);
      const message = { ToUserName: 'gh', FromUserName: m.openid, CreateTime: 1700000001, MsgType: 'event', Event: 'wxa_media_check', appid: t.config.wechatAppId, trace_id: traceId, version: 2, errcode: 0, result: { suggest: 'risky', label: 20002 } };
      const push = sealedPush(t, message);
      const answers = await Promise.all([0, 1, 2, 3].map(() => t.http.post('/api/v1/wechat/push').query(push.query).send(push.body)));
      expect(answers.map((a) => [a.status, a.text])).toEqual(Array(4).fill([200, 'success']));
      const rows = await t.dataSource.query(`SELECT key FROM wechat_push_event WHERE key = $1`, [`trace:${traceId}`]);
      expect(rows).toHaveLength(1);
      const notes = await t.dataSource.query(`SELECT title FROM notification WHERE user_id = $1 AND template_key = 'content_event'`, [m.userId]);
      expect(notes).toHaveLength(1);
    });

    it('accepts a plaintext-mode push signed with the token', async () => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = 'plain1';
      const res = await t.http
        .post('/api/v1/wechat/push')
        .query({ signature: pushSignature(t.config.wechatPush.token, timestamp, nonce), timestamp, nonce })
        .send({ ToUserName: 'gh', FromUserName: 'o-plain', CreateTime: 1700000002, MsgType: 'event', Event: 'some_other_event' });
      expect(res.status).toBe(200);
      expect(res.text).toBe('success');
    });
  });

  describe('image check of uploaded photos', () => {
    let m: Awaited<ReturnType<typeof bindMember>>;
    beforeAll(async () => {
      m = await bindMember(t, tree.branchA.id);
    });

    const upload = async () => {
      const res = await t.http.post('/api/v1/uploads').set('Authorization', bearer(m.token)).attach('file', png, 'me.png');
      expect(res.status).toBe(201);
      return { url: res.body.url as string, path: new URL(res.body.url).pathname, key: new URL(res.body.url).pathname.split('/').pop()! };
    };
    const checkOf = async (key: string) => {
      const list = (await (await fetch(`${t.standin.url}/__standin/media-checks`)).json()) as Array<{ media_url: string; pushStatus?: number; fetchStatus?: number }>;
      return list.find((c) => c.media_url.includes(key));
    };

    it('holds a photo (404 to the public) until WeChat, fetching it through a signed URL, says pass', async () => {
      const photo = await upload();
      expect((await t.http.get(photo.path)).status).toBe(404);
      expect((await t.http.get(photo.path).set('Authorization', bearer(m.token))).status).toBe(200); // the uploader
      expect((await t.http.get(photo.path).set('Authorization', bearer(tree.resident.token))).status).toBe(404);
      expect((await t.http.get(`${photo.path}?exp=9999999999&sig=forged`)).status).toBe(404);
      const check = await until('the verdict push', async () => {
        const c = await checkOf(photo.key);
        return c?.pushStatus !== undefined && c;
      });
      expect(check.media_url).toMatch(/\?exp=\d+&sig=/);
      expect(check.fetchStatus).toBe(200);
      expect(check.pushStatus).toBe(200);
      const shown = await t.http.get(photo.path);
      expect(shown.status).toBe(200);
      expect(shown.headers['cache-control']).toContain('public');
    });

    it('takes a risky photo off the member card and tells the uploader', async () => {
      const photo = await upload();
      t.standin.setMediaVerdict(photo.key, 'risky');
      const patched = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(m.token)).send({ photoUrl: photo.url });
      expect(patched.status).toBe(200);
      await until('the verdict push', async () => (await checkOf(photo.key))?.pushStatus !== undefined);
      expect((await t.http.get(photo.path)).status).toBe(404);
      expect((await t.http.get(`/api/v1/members/${m.memberId}/card`)).body.photoUrl ?? null).toBeNull();
      const notes = await t.dataSource.query(`SELECT title FROM notification WHERE user_id = $1 AND template_key = 'content_event'`, [m.userId]);
      expect(notes.length).toBeGreaterThanOrEqual(1);
    });

    it('sends a photo with no verdict in time to staff, who approve or remove it', async () => {
      const a = await upload();
      const b = await upload();
      await t.http.patch('/api/v1/members/me').set('Authorization', bearer(m.token)).send({ photoUrl: a.url });
      await t.http.patch('/api/v1/members/me').set('Authorization', bearer(m.token)).send({ photoUrl: b.url });
      // WeChat never answered: make both photos an hour and more old, still pending.
      await t.dataSource.query(`UPDATE upload SET check_state = 'pending', checked_at = NULL, trace_id = NULL, check_requested_at = now() - interval '2 hours' WHERE key = ANY($1)`, [[a.key, b.key]]);
      const list = await t.http.get(`/api/v1/orgs/${tree.community.id}/held-photos`).set('Authorization', bearer(tree.streetStaff.token));
      expect(list.status).toBe(200);
      const held = (list.body.items as Array<{ id: string; url: string; viewUrl: string; state: string }>).filter((p) => p.url === a.url || p.url === b.url);
      expect(held.map((p) => p.state)).toEqual(['review', 'review']);
      expect((await t.http.get(new URL(held[0].viewUrl).pathname + new URL(held[0].viewUrl).search)).status).toBe(200);
      // not staff of it: branch B's staff and the member cannot act
      expect((await t.http.get(`/api/v1/orgs/${tree.branchA.id}/held-photos`).set('Authorization', bearer(m.token))).status).toBe(403);
      const [first, second] = held;
      const approved = await t.http.post(`/api/v1/uploads/${first.id}/approve`).set('Authorization', bearer(tree.branchAStaff.token));
      expect(approved.status).toBe(200);
      expect(approved.body.state).toBe('approved');
      expect((await t.http.get(new URL(first.url).pathname)).status).toBe(200);
      const again = await t.http.post(`/api/v1/uploads/${first.id}/remove`).set('Authorization', bearer(tree.branchAStaff.token));
      expect(again.status).toBe(409);
      const removed = await t.http.post(`/api/v1/uploads/${second.id}/remove`).set('Authorization', bearer(tree.branchAStaff.token));
      expect(removed.status).toBe(200);
      expect((await t.http.get(new URL(second.url).pathname)).status).toBe(404);
      expect((await t.http.get(`/api/v1/members/${m.memberId}/card`)).body.photoUrl ?? null).toBeNull();
    });
  });
});
