// Runs in a jest invocation of its own (server package.json "test"): its /health latency is measured from
// the test process, which another jest worker on the same 2 cores would slow, not the server.
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { crc32, deflateRawSync } from 'node:zlib';
import { startStandin, type StandinHandle } from '../src/wechat/standin/standin.js';
import { bearer } from './support/app.js';
import { createTestDatabase } from './support/db.js';
import { expectErrorShape } from './support/fixtures.js';

/** A minimal .zip writer (deflate, no zip64): enough for a workbook's few parts. */
function zip(files: Array<[string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const packed = deflateRawSync(data, { level: 6 });
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * A roster workbook of `rows` data rows written as XML directly (exceljs would take minutes), with
 * the sheet BEFORE the shared strings in the zip: the order that made exceljs's reader spool the sheet.
 */
function bigWorkbook(rows: number): Buffer {
  const xmlns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const header = ['姓名', '性别', '出生日期', '入党日期', '手机号'];
  const strings = [...header, '男', '女'];
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?><worksheet ${xmlns}><sheetData>`];
  parts.push(`<row r="1">${header.map((_h, i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row>`);
  for (let r = 2; r <= rows + 1; r++) {
    const name = r < 5000 ? strings.push(`党员${r}`) - 1 : 7 + (r % 4990);
    parts.push(
      // Row and cell references are optional in SpreadsheetML; leaving them out keeps the file as small as the probe's.
      `<row r="${r}"><c t="s"><v>${name}</v></c><c t="s"><v>${5 + (r % 2)}</v></c><c s="1"><v>${29000 + (r % 3000)}</v></c><c s="1"><v>${36000 + (r % 5000)}</v></c><c><v>1${3 + (r % 7)}${String((r * 7) % 1e5).padStart(9, "0")}</v></c></row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst ${xmlns} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  return zip([
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    ['xl/workbook.xml', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><workbook ${xmlns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`)],
    ['xl/_rels/workbook.xml.rels', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')],
    ['xl/styles.xml', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><styleSheet ${xmlns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`)],
    ['xl/worksheets/sheet1.xml', Buffer.from(parts.join(''))],
    ['xl/sharedStrings.xml', Buffer.from(sst)],
  ]);
}

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** Peak and current resident memory of a process, from /proc (kB → MB). */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/**
 * The built server in a process of its own (so the test's own work — generating and sending 10 MB —
 * does not count against the server), on a fresh test database.
 */
describe('roster import of a huge workbook', () => {
  let proc: ChildProcess;
  let base: string;
  let standin: StandinHandle;
  let adminToken: string;
  let orgId: string;
  const call = async (method: string, path: string, body?: unknown, token = adminToken) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(token ? { authorization: bearer(token) } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const importFile = async (file: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([file]), name);
    const res = await fetch(`${base}/api/v1/orgs/${orgId}/members/import`, { method: 'POST', headers: { authorization: bearer(adminToken) }, body: form });
    return { status: res.status, body: (await res.json()) as { code: string; message: string; imported?: number } };
  };

  /**
   * /health on a kept-alive connection of its own: fetch's pool could hand the probe the socket on which the
   * server has just refused the upload and is closing (it does not read a refused body to the end).
   */
  const probeAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const healthOnOwnSocket = (url: string) =>
    new Promise<void>((resolve, reject) => {
      const req = httpGet(url, { agent: probeAgent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`health ${res.statusCode}`))));
      });
      req.on('error', reject);
    });

  beforeAll(async () => {
    standin = await startStandin({ port: 0 });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: await createTestDatabase(),
        WECHAT_API_BASE: standin.url,
        JWT_SECRET: 'roster-big-secret-roster-big-secret',
        BOOTSTRAP_ADMIN_OPENIDS: 'big-admin',
        JOBS_ENABLED: 'false',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false))) {
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await call('POST', '/api/v1/auth/wechat-login', { code: 'dev:big-admin' }, '');
    adminToken = String(login.body.token);
    const org = await call('POST', '/api/v1/orgs', { name: '大名册支部', type: 'branch' });
    orgId = String(org.body.id);
  }, 60_000);
  afterAll(async () => {
    probeAgent.destroy();
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    await standin?.close();
  });

  it('reads a generated workbook (so the refusal below is about size, not format)', async () => {
    const res = await importFile(bigWorkbook(3), 'small.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(3);
  });

  it('refuses 650,000 rows in under a second while /health keeps answering within 100 ms', async () => {
    let started = Date.now();
    const file = bigWorkbook(650_000);
    const generatedMs = Date.now() - started;
    const before = memoryOf(proc.pid!);
    let slowestHealth = 0;
    let healthCalls = 0;
    let importing = true;
    const probe = (async () => {
      while (importing) {
        const t0 = performance.now();
        await healthOnOwnSocket(`${base}/api/v1/health`);
        slowestHealth = Math.max(slowestHealth, performance.now() - t0);
        healthCalls++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    started = Date.now();
    const res = await importFile(file, 'huge.xlsx');
    const importMs = Date.now() - started;
    importing = false;
    await probe;
    const after = memoryOf(proc.pid!);
    console.log(
      `650,000-row workbook (${(file.length / 1024 / 1024).toFixed(1)} MB, generated in ${generatedMs} ms): refused in ${importMs} ms; ` +
        `slowest /health ${slowestHealth.toFixed(0)} ms over ${healthCalls} calls; server RSS ${before.rssMb.toFixed(0)} MB before, peak ${after.peakMb.toFixed(0)} MB`,
    );
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.message).toContain('最多 5000 行');
    expect(importMs).toBeLessThan(1000);
    expect(healthCalls).toBeGreaterThan(0);
    expect(slowestHealth).toBeLessThan(100);
    expect(after.peakMb).toBeLessThan(before.rssMb + 200);
  }, 120_000);
});
