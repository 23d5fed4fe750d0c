import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { crc32, deflateRawSync } from 'node:zlib';
import { bearer, createTestApp, type TestApp } from './support/app.js';
import { buildTree, expectErrorShape, type Tree } from './support/fixtures.js';

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

describe('roster import of a huge workbook', () => {
  let t: TestApp;
  let tree: Tree;
  beforeAll(async () => {
    t = await createTestApp();
    tree = await buildTree(t);
  });
  afterAll(() => t.close());

  it('reads a generated workbook (so the refusal below is about size, not format)', async () => {
    const res = await t.http
      .post(`/api/v1/orgs/${tree.branchA.id}/members/import`)
      .set('Authorization', bearer(tree.adminToken))
      .attach('file', bigWorkbook(3), 'small.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(3);
  });

  it('refuses 650,000 rows in under a second while /health keeps answering within 100 ms', async () => {
    let started = Date.now();
    const file = bigWorkbook(650_000);
    const generatedMs = Date.now() - started;
    // Let the collector reclaim the generator's strings first: its pause is the test's, not the server's.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 100));
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let slowestHealth = 0;
    let healthCalls = 0;
    let importing = true;
    const probe = (async () => {
      while (importing) {
        const t0 = performance.now();
        const res = await fetch(`${t.url}/api/v1/health`);
        await res.text();
        slowestHealth = Math.max(slowestHealth, performance.now() - t0);
        healthCalls++;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const form = new FormData();
    form.append('file', new Blob([file]), 'huge.xlsx');
    started = Date.now();
    const answer = await fetch(`${t.url}/api/v1/orgs/${tree.branchB.id}/members/import`, {
      method: 'POST',
      headers: { authorization: bearer(tree.adminToken) },
      body: form,
    });
    const res = { status: answer.status, body: (await answer.json()) as { code: string; message: string } };
    const importMs = Date.now() - started;
    importing = false;
    await probe;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(
      `650,000-row workbook (${(file.length / 1024 / 1024).toFixed(1)} MB, generated in ${generatedMs} ms): refused in ${importMs} ms; ` +
        `slowest /health ${slowestHealth.toFixed(0)} ms over ${healthCalls} calls; RSS ${(rssBefore / 2 ** 20).toFixed(0)} → peak ${(peakRss / 2 ** 20).toFixed(0)} MB`,
    );
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.message).toContain('最多 5000 行');
    expect(importMs).toBeLessThan(1000);
    expect(healthCalls).toBeGreaterThan(0);
    expect(slowestHealth).toBeLessThan(100);
    expect(peakRss - rssBefore).toBeLessThan(300 * 2 ** 20);
  }, 120_000);
});
