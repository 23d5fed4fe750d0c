import { describe, expect, it } from '@jest/globals';
import { fitText, POSTER_FONT, renderPosterSvg, textWidthEm, xml, type PosterInput } from './poster.js';

const BOARD = 'https://xianfeng.example.cn/h5/#/pages/board/index?orgId=3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';

const input = (over: Partial<PosterInput> = {}): PosterInput => ({
  orgName: '幸福里社区党支部',
  orgType: 'branch',
  boardUrl: BOARD,
  members: [
    { name: '张三', postKind: 'demonstration', postTitle: '便民服务窗口' },
    { name: '李四', postKind: 'vanguard', postTitle: null },
    { name: '王五', postKind: null, postTitle: '3号楼楼长' },
    { name: '赵六', postKind: null, postTitle: null },
  ],
  memberCount: 4,
  ...over,
});

/**
 * A rough XML well-formedness check: one root, balanced tags, quoted attributes, no bare `<` or `&` in
 * text. Returns the element names in document order.
 */
function checkXml(doc: string): string[] {
  const body = doc.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: string[] = [];
  const names: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < body.length) {
    token.lastIndex = pos;
    m = token.exec(body);
    if (!m) throw new Error(`not well-formed at ${pos}: ${body.slice(pos, pos + 60)}`);
    pos = token.lastIndex;
    const [, closing, name, , selfClosing, textPart] = m;
    if (textPart !== undefined) {
      if (stack.length === 0 && textPart.trim()) throw new Error(`text outside the root: ${textPart}`);
      const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.exec(textPart);
      if (bad) throw new Error(`bare & in text: ${textPart}`);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
      continue;
    }
    names.push(name);
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(name);
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return names;
}

/** The nested QR <svg>: its placement, its module grid size and its dark-module path. */
function qrOf(svg: string) {
  const m = /<svg x="([\d.]+)" y="([\d.]+)" width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"[^>]*>(.*?)<\/svg>/s.exec(svg);
  if (!m) throw new Error('no nested QR svg');
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(m[7]);
  return { x: Number(m[1]), y: Number(m[2]), size: Number(m[3]), modules: Number(m[5]), path: path?.[1] ?? '' };
}

describe('renderPosterSvg', () => {
  it('is a well-formed A4 portrait SVG with the header, QR, caption, members and count', async () => {
    const svg = await renderPosterSvg(input());
    const names = checkXml(svg);
    expect(names[0]).toBe('svg');
    expect(names.filter((n) => n === 'svg')).toHaveLength(2); // root + nested QR
    expect(svg).toContain('viewBox="0 0 595 842"');
    expect(svg).toContain('width="210mm" height="297mm"');
    expect(svg).toContain(`font-family="${POSTER_FONT}"`);
    expect(svg).toContain('fill="#c8102e"');
    expect(svg).toContain('>党员亮身份 · 亮职责</text>');
    expect(svg).toContain('>幸福里社区党支部</text>');
    expect(svg).not.toContain('>党支部</text>'); // type label is left out when the name already says it
    expect(svg).toContain('>微信扫码，查看本组织党员名片</text>');
    expect(svg).toContain('>本组织共有党员 4 名</text>');
    expect(svg).toContain('>张三</text>');
    expect(svg).toContain('>党员示范岗 · 便民服务窗口</text>');
    expect(svg).toContain('>党员先锋岗</text>');
    expect(svg).toContain('>3号楼楼长</text>');
    expect(svg).toContain('>党员</text>');
    expect(svg).not.toContain('仅列出部分党员');
  });

  it('draws a large QR code inside the page, the same for the same URL and different for another', async () => {
    const a = qrOf(await renderPosterSvg(input()));
    const b = qrOf(await renderPosterSvg(input({ orgName: '另一个名字', members: [] })));
    const c = qrOf(await renderPosterSvg(input({ boardUrl: `${BOARD}x` })));
    expect(a.size).toBeGreaterThanOrEqual(250);
    expect(a.x).toBeGreaterThan(0);
    expect(a.x + a.size).toBeLessThan(595);
    expect(a.y + a.size).toBeLessThan(842);
    // a ~100-character URL at level M is version 5 or 6 (37–41 modules) plus the 4-module quiet zone on each side
    expect(a.modules).toBeGreaterThanOrEqual(21 + 8);
    expect(a.modules).toBeLessThanOrEqual(57 + 8);
    expect(a.path.length).toBeGreaterThan(500);
    expect(a.path).toMatch(/^M[\d.\s hvmMHV-]+$/);
    expect(b.path).toBe(a.path);
    expect(c.path).not.toBe(a.path);
  });

  it('escapes names, titles and the org name, and drops characters XML cannot hold', async () => {
    const svg = await renderPosterSvg(
      input({
        orgName: 'A&B <Co> "党支部"',
        orgType: 'community',
        members: [{ name: '<script>&"\'', postKind: null, postTitle: 'x & y\u0001' }],
        memberCount: 1,
      }),
    );
    checkXml(svg);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('>A&amp;B &lt;Co&gt; &quot;党支部&quot;</text>');
    expect(svg).toContain('>社区</text>');
    expect(svg).toContain('>&lt;script&gt;&amp;&quot;&apos;</text>');
    expect(svg).toContain('>x &amp; y</text>');
  });

  it('shows at most 12 members and says when the list is partial', async () => {
    const members = Array.from({ length: 30 }, (_, i) => ({ name: `党员${i + 1}`, postKind: 'vanguard' as const, postTitle: null }));
    const svg = await renderPosterSvg(input({ members, memberCount: 30 }));
    checkXml(svg);
    expect(svg).toContain('>党员12</text>');
    expect(svg).not.toContain('>党员13</text>');
    expect(svg).toContain('>本组织共有党员 30 名</text>');
    expect(svg).toContain('仅列出部分党员');
    const empty = await renderPosterSvg(input({ members: [], memberCount: 0 }));
    checkXml(empty);
    expect(empty).toContain('>本组织共有党员 0 名</text>');
    expect(empty).not.toContain('仅列出部分党员');
  });

  it('shrinks and then cuts a long org name, and cuts long names and labels', async () => {
    const longName = '某某市某某区某某街道某某社区某某小区第一网格党支部联合党支部临时党支部'.repeat(2);
    const svg = await renderPosterSvg(
      input({ orgName: longName, members: [{ name: '名'.repeat(50), postKind: 'responsibility_zone', postTitle: '岗'.repeat(50) }] }),
    );
    checkXml(svg);
    const header = /font-size="(\d+)" font-weight="bold" fill="#ffffff">(某[^<]*)<\/text>/.exec(svg)!;
    expect(Number(header[1])).toBe(16);
    expect(header[2].endsWith('…')).toBe(true);
    expect(textWidthEm(header[2]) * 16).toBeLessThanOrEqual(515);
    expect(svg).toMatch(/>名+…<\/text>/);
    expect(svg).toMatch(/>党员责任区 · 岗+…<\/text>/);
  });
});

describe('helpers', () => {
  it('the spec\'s XML check rejects what it should', () => {
    expect(checkXml('<svg><g/><text x="1">a &amp; b</text></svg>')).toEqual(['svg', 'g', 'text']);
    expect(() => checkXml('<svg><g></svg>')).toThrow();
    expect(() => checkXml('<svg><text>a & b</text></svg>')).toThrow();
    expect(() => checkXml('<svg><text>a < b</text></svg>')).toThrow();
    expect(() => checkXml('<svg x=1></svg>')).toThrow();
    expect(() => checkXml('<svg/><svg/>')).toThrow();
  });

  it('xml escapes the five characters and strips invalid ones, keeping emoji', () => {
    expect(xml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xml('a\u0000b\u001fc\ud800d😀')).toBe('abcd😀');
  });

  it('fitText keeps what fits and cuts what does not', () => {
    expect(fitText('张三', 100, 16)).toBe('张三');
    expect(fitText('一二三四五六七八九十', 80, 16)).toBe('一二三四…');
    expect(fitText('😀😀😀😀😀😀', 48, 16)).toBe('😀😀…');
  });
});
