import { beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { bearer, useTestApp } from './support/app.js';
import { buildTree, count, createMember, expectErrorShape, memberBody, user, type Tree } from './support/fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('members', () => {
  const t = useTestApp();
  let tree: Tree;
  beforeAll(async () => {
    tree = await buildTree(t);
  });

  describe('POST /orgs/:id/members', () => {
    it('creates a member record for staff of the organisation (or above) with a one-time bind code', async () => {
      const res = await t.http.post(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(tree.streetStaff.token)).send(memberBody());
      expect(res.status).toBe(201);
      expect(res.body.member).toMatchObject({ ...memberBody(), orgId: tree.branchA.id, userId: null, id: expect.any(String) });
      expect(res.body.bindCode).toMatch(/^[A-Z2-9]{10}$/);
      expect(new Date(res.body.bindCodeExpiresAt).getTime()).toBeGreaterThan(Date.now());
      // only a hash of the code is stored
      const stored = JSON.stringify(await t.dataSource.query(`SELECT * FROM bind_code`));
      expect(stored).not.toContain(res.body.bindCode);
    });

    it('refuses staff of another branch, residents and anonymous callers', async () => {
      const other = await t.http.post(`/api/v1/orgs/${tree.branchB.id}/members`).set('Authorization', bearer(tree.branchAStaff.token)).send(memberBody());
      expect(other.status).toBe(403);
      const resident = await t.http.post(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(tree.resident.token)).send(memberBody());
      expect(resident.status).toBe(403);
      expect((await t.http.post(`/api/v1/orgs/${tree.branchA.id}/members`).send(memberBody())).status).toBe(401);
      expect(
        (await t.http.post(`/api/v1/orgs/00000000-0000-4000-8000-000000000000/members`).set('Authorization', bearer(tree.adminToken)).send(memberBody())).status,
      ).toBe(404);
    });

    it.each([
      ['impossible date', { birthday: '2023-02-30' }, 'birthday'],
      ['badly formatted date', { joinedPartyOn: '2005/07/01' }, 'joinedPartyOn'],
      ['missing name', { name: undefined }, 'name'],
      ['over-long name', { name: '名'.repeat(51) }, 'name'],
      ['over-long duties', { duties: 'x'.repeat(501) }, 'duties'],
      ['wrong-typed showPhone', { showPhone: 'yes' }, 'showPhone'],
      ['bad gender', { gender: 'other' }, 'gender'],
      ['bad postKind', { postKind: 'hero' }, 'postKind'],
      ['bad phone', { phone: '12345' }, 'phone'],
      ['unknown field', { idCard: '110101199001011234' }, 'idCard'],
      ['joined before born', { birthday: '1990-01-01', joinedPartyOn: '1989-01-01' }, 'joinedPartyOn'],
      ['born in the future', { birthday: '2099-01-01', joinedPartyOn: '2099-06-01' }, 'birthday'],
    ])('refuses %s with 400 VALIDATION_FAILED naming the field, writing nothing', async (_n, over, field) => {
      const before = await count(t, 'member');
      const res = await t.http.post(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(tree.adminToken)).send(memberBody(over));
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count(t, 'member')).toBe(before);
    });
  });

  describe('GET /orgs/:id/members', () => {
    it('gives staff the full roster of the subtree with private fields, and nobody else', async () => {
      const { member } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '花名册甲', phone: '13700001111' });
      const res = await t.http.get(`/api/v1/orgs/${tree.community.id}/members`).set('Authorization', bearer(tree.streetStaff.token)).query({ limit: 100 });
      expect(res.status).toBe(200);
      const row = res.body.items.find((m: { id: string }) => m.id === member.id);
      expect(row).toMatchObject({ birthday: '1980-05-01', phone: '13700001111', orgName: '第一党支部' });
      const search = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(tree.branchAStaff.token)).query({ q: '花名册' });
      expect(search.body.items.map((m: { id: string }) => m.id)).toEqual([member.id]);
      expect((await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(tree.resident.token))).status).toBe(403);
      expect((await t.http.get(`/api/v1/orgs/${tree.branchB.id}/members`).set('Authorization', bearer(tree.branchAStaff.token))).status).toBe(403);
      expect((await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members`)).status).toBe(401);
    });
  });

  describe('binding', () => {
    it('binds a user to the member record once; the code never works twice', async () => {
      const { member, bindCode } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '绑定甲' });
      const u = await user(t, 'binder');
      const res = await t.http.post('/api/v1/members/bind').set('Authorization', bearer(u.token)).send({ bindCode: bindCode.toLowerCase() });
      expect(res.status).toBe(200);
      expect(res.body.member).toMatchObject({ id: member.id, userId: u.userId, name: '绑定甲' });
      const me = await t.http.get('/api/v1/me').set('Authorization', bearer(u.token));
      expect(me.body.member.id).toBe(member.id);
      const other = await user(t, 'late');
      const again = await t.http.post('/api/v1/members/bind').set('Authorization', bearer(other.token)).send({ bindCode });
      expect(again.status).toBe(404);
      expectErrorShape(again.body, 404, 'BIND_CODE_INVALID');
      const twice = await t.http.post('/api/v1/members/bind').set('Authorization', bearer(u.token)).send({ bindCode: 'ABCDEFGHJK' });
      expect(twice.status).toBe(409);
      expectErrorShape(twice.body, 409, 'ALREADY_BOUND');
    });

    it('refuses unknown codes and bad bodies', async () => {
      const u = await user(t, 'guesser');
      const res = await t.http.post('/api/v1/members/bind').set('Authorization', bearer(u.token)).send({ bindCode: 'ZZZZZZZZZZ' });
      expect(res.status).toBe(404);
      const bad = await t.http.post('/api/v1/members/bind').set('Authorization', bearer(u.token)).send({ bindCode: 123 });
      expect(bad.status).toBe(400);
      expect((await t.http.post('/api/v1/members/bind').send({ bindCode: 'ZZZZZZZZZZ' })).status).toBe(401);
    });

    it('lets exactly one of many users racing with the same code win', async () => {
      const { member, bindCode } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '抢绑' });
      const racers = await Promise.all(Array.from({ length: 12 }, (_, i) => user(t, `racer${i}`)));
      const results = await Promise.all(racers.map((r) => t.http.post('/api/v1/members/bind').set('Authorization', bearer(r.token)).send({ bindCode })));
      const ok = results.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      results.filter((r) => r.status !== 200).forEach((r) => expect(r.body.code).toBe('BIND_CODE_INVALID'));
      const [row] = await t.dataSource.query(`SELECT user_id FROM member WHERE id = $1`, [member.id]);
      expect(row.user_id).toBe(ok[0].body.id);
    });

    it('a reissued code replaces the old one', async () => {
      const { member, bindCode } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '补发' });
      const re = await t.http.post(`/api/v1/members/${member.id}/bind-code`).set('Authorization', bearer(tree.branchAStaff.token));
      expect(re.status).toBe(201);
      const u = await user(t, 'reissue');
      expect((await t.http.post('/api/v1/members/bind').set('Authorization', bearer(u.token)).send({ bindCode })).status).toBe(404);
      expect((await t.http.post('/api/v1/members/bind').set('Authorization', bearer(u.token)).send({ bindCode: re.body.bindCode })).status).toBe(200);
    });
  });

  describe('PATCH /members/me', () => {
    it('lets a member edit their public duties and phone visibility, and nothing private', async () => {
      const { member, bindCode } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '自改', phone: '13655556666' });
      const u = await user(t, 'self-edit');
      await t.http.post('/api/v1/members/bind').set('Authorization', bearer(u.token)).send({ bindCode });
      const res = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(u.token)).send({ duties: '每周三接待居民', showPhone: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: member.id, duties: '每周三接待居民', showPhone: true });
      const card = await t.http.get(`/api/v1/members/${member.id}/card`);
      expect(card.body).toMatchObject({ duties: '每周三接待居民', phone: '13655556666' });
      const sneaky = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(u.token)).send({ birthday: '1999-01-01' });
      expect(sneaky.status).toBe(400);
      expect(sneaky.body.details[0].field).toBe('birthday');
      const long = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(u.token)).send({ duties: 'x'.repeat(501) });
      expect(long.status).toBe(400);
    });

    it('refuses users who are not members', async () => {
      const res = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(tree.resident.token)).send({ duties: 'x' });
      expect(res.status).toBe(403);
      expectErrorShape(res.body, 403, 'NOT_A_MEMBER');
    });
  });

  describe('PATCH /members/:id', () => {
    it('lets staff edit a record and move it within their subtree, keeping history', async () => {
      const { member } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '调动' });
      const res = await t.http.patch(`/api/v1/members/${member.id}`).set('Authorization', bearer(tree.streetStaff.token)).send({ orgId: tree.branchB.id, postKind: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ orgId: tree.branchB.id, postKind: null });
      const history = await t.http.get(`/api/v1/members/${member.id}/history`).set('Authorization', bearer(tree.streetStaff.token));
      expect(history.body).toEqual([expect.objectContaining({ fromOrgId: tree.branchA.id, toOrgId: tree.branchB.id })]);
    });

    it('refuses moves out of the subtree, other branches, and bad dates', async () => {
      const { member } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '不许调' });
      const out = await t.http.patch(`/api/v1/members/${member.id}`).set('Authorization', bearer(tree.branchAStaff.token)).send({ orgId: tree.branchB.id });
      expect(out.status).toBe(403);
      const otherStaff = await user(t, 'b-staff');
      await t.http.post(`/api/v1/orgs/${tree.branchB.id}/staff`).set('Authorization', bearer(tree.adminToken)).send({ userId: otherStaff.userId });
      expect((await t.http.patch(`/api/v1/members/${member.id}`).set('Authorization', bearer(otherStaff.token)).send({ duties: 'x' })).status).toBe(403);
      const bad = await t.http.patch(`/api/v1/members/${member.id}`).set('Authorization', bearer(tree.adminToken)).send({ joinedPartyOn: '1970-01-01' });
      expect(bad.status).toBe(400);
      const [row] = await t.dataSource.query(`SELECT org_id, joined_party_on FROM member WHERE id = $1`, [member.id]);
      expect(row).toEqual({ org_id: tree.branchA.id, joined_party_on: '2005-07-01' });
      expect((await t.http.patch(`/api/v1/members/00000000-0000-4000-8000-000000000000`).set('Authorization', bearer(tree.adminToken)).send({ duties: 'x' })).status).toBe(404);
    });
  });

  describe('GET /members/:id/card', () => {
    it('is public and carries no private field', async () => {
      const { member } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '名片', phone: '13512345678', showPhone: false, joinedPartyOn: '2005-07-01' });
      const res = await t.http.get(`/api/v1/members/${member.id}/card`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: member.id, name: '名片', orgId: tree.branchA.id, orgName: '第一党支部', joinedPartyOn: '2005-07-01', postKind: 'vanguard' });
      expect(res.body.partyYears).toBeGreaterThanOrEqual(21);
      expect(Object.keys(res.body).sort()).toEqual(
        ['deeds', 'duties', 'id', 'joinedPartyOn', 'name', 'orgId', 'orgName', 'partyYears', 'photoUrl', 'postKind', 'postTitle', 'serviceMinutes'].sort(),
      );
      expect((await t.http.get('/api/v1/members/00000000-0000-4000-8000-000000000000/card')).status).toBe(404);
    });
  });

  describe('roster import', () => {
    const upload = (orgId: string, token: string, name: string, data: Buffer) =>
      t.http.post(`/api/v1/orgs/${orgId}/members/import`).set('Authorization', bearer(token)).attach('file', data, name);

    it('imports a good CSV (UTF-8 with BOM, mixed date formats) with bind codes', async () => {
      const org = (await t.http.post('/api/v1/orgs').set('Authorization', bearer(tree.adminToken)).send({ name: '导入支部', type: 'branch', parentId: tree.street.id })).body;
      const res = await upload(org.id, tree.streetStaff.token, 'roster.csv', fixture('roster-valid.csv'));
      expect(res.status).toBe(201);
      expect(res.body.imported).toBeGreaterThan(1);
      expect(res.body.members[0]).toMatchObject({ name: '张三', bindCode: expect.stringMatching(/^[A-Z2-9]{10}$/) });
      const roster = await t.http.get(`/api/v1/orgs/${org.id}/members`).set('Authorization', bearer(tree.adminToken));
      const li = roster.body.items.find((m: { name: string }) => m.name === '李四');
      expect(li).toMatchObject({ birthday: '1990-07-01', joinedPartyOn: '2015-06-30', status: 'probationary', postKind: 'vanguard' });
      // importing the same people again is refused as duplicates, all or nothing
      const again = await upload(org.id, tree.streetStaff.token, 'roster.csv', fixture('roster-valid.csv'));
      expect(again.status).toBe(400);
    });

    it('imports an .xlsx with real Excel date cells and a GB18030 CSV', async () => {
      const org = (await t.http.post('/api/v1/orgs').set('Authorization', bearer(tree.adminToken)).send({ name: 'Excel支部', type: 'branch', parentId: tree.street.id })).body;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名册');
      ws.addRow(['姓名', '性别', '出生日期', '入党日期', '党员状态']);
      ws.addRow(['王五', '男', new Date(Date.UTC(1975, 0, 31)), new Date(Date.UTC(2000, 6, 1)), '正式党员']);
      ws.addRow(['赵六', '女', '1988/2/29', '2012-07-01', '预备党员']);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await upload(org.id, tree.adminToken, '名册.xlsx', xlsx);
      expect(res.status).toBe(201);
      expect(res.body.imported).toBe(2);
      const [wang] = await t.dataSource.query(`SELECT birthday, joined_party_on FROM member WHERE org_id = $1 AND name = '王五'`, [org.id]);
      expect(wang).toEqual({ birthday: '1975-01-31', joined_party_on: '2000-07-01' });
      const gbk = await upload(org.id, tree.adminToken, 'gbk.csv', fixture('roster-gbk.csv'));
      expect(gbk.status).toBe(201);
    });

    it('imports nothing when one row is bad, and names the row and field', async () => {
      const before = await count(t, 'member');
      const csv = Buffer.from(
        ['姓名,性别,出生日期,入党日期', '甲,男,1980-01-01,2005-07-01', '乙,女,2023-02-30,2005-07-01', '丙,男,1981-01-01,2006-07-01'].join('\n'),
      );
      const res = await upload(tree.branchA.id, tree.adminToken, 'bad.csv', csv);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual([expect.objectContaining({ row: 3, field: 'birthday' })]);
      expect(res.body.details[0].message).toContain('2023-02-30');
      expect(await count(t, 'member')).toBe(before);
    });

    it('reports every bad row of a messy file', async () => {
      const res = await upload(tree.branchA.id, tree.adminToken, 'errors.csv', fixture('roster-errors.csv'));
      expect(res.status).toBe(400);
      const rows = new Set(res.body.details.map((d: { row: number }) => d.row));
      expect(rows.size).toBeGreaterThan(2);
    });

    it('refuses a missing file, a non-roster file, and non-staff', async () => {
      const none = await t.http.post(`/api/v1/orgs/${tree.branchA.id}/members/import`).set('Authorization', bearer(tree.adminToken));
      expect(none.status).toBe(400);
      const png = await upload(tree.branchA.id, tree.adminToken, 'x.png', fixture('1x1.png'));
      expect(png.status).toBe(400);
      const res = await upload(tree.branchA.id, tree.resident.token, 'roster.csv', fixture('roster-valid.csv'));
      expect(res.status).toBe(403);
    });

    it('imports 5,000 rows in one go', async () => {
      const org = (await t.http.post('/api/v1/orgs').set('Authorization', bearer(tree.adminToken)).send({ name: '大支部', type: 'branch', parentId: tree.street.id })).body;
      const lines = ['姓名,性别,出生日期,入党日期,手机号'];
      for (let i = 0; i < 5000; i++) lines.push(`党员${i},${i % 2 ? '男' : '女'},19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9},2010-07-01,139${String(i).padStart(8, '0')}`);
      const res = await upload(org.id, tree.adminToken, 'big.csv', Buffer.from(lines.join('\n')));
      expect(res.status).toBe(201);
      expect(res.body.imported).toBe(5000);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM bind_code b JOIN member m ON m.id = b.member_id WHERE m.org_id = $1`, [org.id]);
      expect(n).toBe(5000);
    });
  });

  describe('POST /uploads', () => {
    it('stores an image checked by its bytes and serves it back', async () => {
      const png = fixture('1x1.png');
      const res = await t.http.post('/api/v1/uploads').set('Authorization', bearer(tree.resident.token)).attach('file', png, 'avatar.png');
      expect(res.status).toBe(201);
      expect(res.body.url).toMatch(/\/api\/v1\/uploads\/[a-z0-9-]+\.png$/);
      const served = await t.http.get(new URL(res.body.url).pathname);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(served.body, png)).toBe(0);
      for (const f of ['1x1.jpg', '1x1.webp']) {
        expect((await t.http.post('/api/v1/uploads').set('Authorization', bearer(tree.resident.token)).attach('file', fixture(f), f)).status).toBe(201);
      }
    });

    it('refuses a disguised file, a GIF, a too-large file, no file and no login', async () => {
      const before = await count(t, 'upload');
      const disguised = await t.http.post('/api/v1/uploads').set('Authorization', bearer(tree.resident.token)).attach('file', fixture('not-an-image.png'), 'x.png');
      expect(disguised.status).toBe(400);
      expectErrorShape(disguised.body, 400, 'UPLOAD_INVALID');
      expect((await t.http.post('/api/v1/uploads').set('Authorization', bearer(tree.resident.token)).attach('file', fixture('1x1.gif'), 'x.gif')).status).toBe(400);
      const big = Buffer.concat([fixture('1x1.png'), Buffer.alloc(5 * 1024 * 1024 + 10)]);
      const tooBig = await t.http.post('/api/v1/uploads').set('Authorization', bearer(tree.resident.token)).attach('file', big, 'big.png');
      expect(tooBig.status).toBe(413);
      expectErrorShape(tooBig.body, 413, 'PAYLOAD_TOO_LARGE');
      expect((await t.http.post('/api/v1/uploads').set('Authorization', bearer(tree.resident.token))).status).toBe(400);
      expect((await t.http.post('/api/v1/uploads').attach('file', fixture('1x1.png'), 'a.png')).status).toBe(401);
      expect(await count(t, 'upload')).toBe(before);
      expect((await t.http.get('/api/v1/uploads/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
      expect((await t.http.get('/api/v1/uploads/00000000-0000-4000-8000-000000000000.png')).status).toBe(404);
    });
  });
});
