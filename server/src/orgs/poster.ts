import QRCode from 'qrcode';
import { OrgTypeLabels, Pages, PostKindLabels, pageUrl, type OrgType, type PostKind } from '@xianfeng/shared';

export interface PosterInput {
  orgName: string;
  orgType: OrgType;
  /** What the QR code opens: the organisation's public board. */
  boardUrl: string;
  /** Shown in the given order; only the first {@link POSTER_MAX_MEMBERS} are drawn. */
  members: Array<{ name: string; postKind: PostKind | null; postTitle: string | null }>;
  memberCount: number;
}

/** What a poster's QR code opens: the organisation's board in the H5 build served at `publicBaseUrl` (hash routing). */
export function boardUrl(publicBaseUrl: string, orgId: string): string {
  return `${publicBaseUrl}/#${pageUrl(Pages.board, { orgId })}`;
}

export const POSTER_MAX_MEMBERS = 12;
export const POSTER_RED = '#c8102e';
export const POSTER_FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";

// A4 portrait in PostScript points; the root's width/height in mm make it print at true size.
const W = 595;
const H = 842;
const MARGIN = 40;
const QR_SIZE = 280;
const QR_Y = 212;
const GRID_COLS = 3;
const GRID_Y = 588;
const CELL_H = 44;
const CELL_GAP = 6;

/**
 * The printable 亮身份 poster for a shop window or service counter: a red header with the
 * organisation's name, a large QR code that opens its public board, and some of its members.
 */
export async function renderPosterSvg(input: PosterInput): Promise<string> {
  const qr = await qrSvg(input.boardUrl, (W - QR_SIZE) / 2, QR_Y, QR_SIZE);
  const typeLabel = OrgTypeLabels[input.orgType];
  const orgName = input.orgName.trim();
  const nameSize = fitFontSize(orgName, W - 2 * MARGIN, 30, 16);
  const showType = typeLabel && !orgName.includes(typeLabel);

  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 ${W} ${H}" font-family="${POSTER_FONT}">`,
    `<title>${xml(`${orgName} · 党员亮身份 · 亮职责`)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    // header band
    `<rect width="${W}" height="186" fill="${POSTER_RED}"/>`,
    text(W / 2, 76, '党员亮身份 · 亮职责', { size: 38, weight: 'bold', fill: '#ffffff', spacing: 2 }),
    `<rect x="${W / 2 - 90}" y="96" width="180" height="2" fill="#f6d27a"/>`,
    text(W / 2, showType ? 140 : 148, fitText(orgName, W - 2 * MARGIN, nameSize), { size: nameSize, weight: 'bold', fill: '#ffffff' }),
    showType ? text(W / 2, 168, typeLabel, { size: 14, fill: '#ffe7a8' }) : '',
    // QR card
    `<rect x="${(W - QR_SIZE) / 2 - 12}" y="${QR_Y - 12}" width="${QR_SIZE + 24}" height="${QR_SIZE + 24}" rx="10" fill="#ffffff" stroke="${POSTER_RED}" stroke-width="2"/>`,
    qr,
    text(W / 2, QR_Y + QR_SIZE + 46, '微信扫码，查看本组织党员名片', { size: 22, weight: 'bold', fill: '#222222' }),
    text(W / 2, QR_Y + QR_SIZE + 74, `本组织共有党员 ${Math.max(0, Math.floor(input.memberCount))} 名`, { size: 15, fill: POSTER_RED }),
    memberGrid(input.members.slice(0, POSTER_MAX_MEMBERS)),
    input.memberCount > Math.min(input.members.length, POSTER_MAX_MEMBERS) && input.members.length > 0
      ? text(W / 2, 804, '（仅列出部分党员，扫码查看全部）', { size: 11, fill: '#888888' })
      : '',
    // footer band
    `<rect y="${H - 18}" width="${W}" height="18" fill="${POSTER_RED}"/>`,
    '</svg>',
  ];
  return parts.filter(Boolean).join('\n') + '\n';
}

function memberGrid(members: PosterInput['members']): string {
  if (members.length === 0) return '';
  const cellW = (W - 2 * MARGIN - (GRID_COLS - 1) * CELL_GAP) / GRID_COLS;
  const out: string[] = ['<g>'];
  members.forEach((m, i) => {
    const x = MARGIN + (i % GRID_COLS) * (cellW + CELL_GAP);
    const y = GRID_Y + Math.floor(i / GRID_COLS) * (CELL_H + CELL_GAP);
    const cx = x + cellW / 2;
    const label = [m.postKind ? PostKindLabels[m.postKind] : null, m.postTitle?.trim() || null].filter(Boolean).join(' · ') || '党员';
    out.push(
      `<rect x="${n(x)}" y="${y}" width="${n(cellW)}" height="${CELL_H}" rx="6" fill="#fdf1f2" stroke="#f0c6cc"/>`,
      text(cx, y + 19, fitText(m.name.trim(), cellW - 16, 16), { size: 16, weight: 'bold', fill: '#222222' }),
      text(cx, y + 36, fitText(label, cellW - 16, 11), { size: 11, fill: POSTER_RED }),
    );
  });
  out.push('</g>');
  return out.join('\n');
}

/** qrcode's SVG (error correction M, 4-module quiet zone) nested at the given place and size. */
async function qrSvg(url: string, x: number, y: number, size: number): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  const open = '<svg xmlns="http://www.w3.org/2000/svg" ';
  if (!svg.startsWith(open)) throw new Error('unexpected QR code SVG from qrcode');
  return `<svg x="${n(x)}" y="${n(y)}" width="${size}" height="${size}" ${svg.slice(open.length).trim()}`;
}

interface TextStyle {
  size: number;
  fill: string;
  weight?: 'bold';
  spacing?: number;
}

function text(x: number, y: number, content: string, s: TextStyle): string {
  const attrs = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    'text-anchor="middle"',
    `font-size="${s.size}"`,
    s.weight ? `font-weight="${s.weight}"` : '',
    s.spacing ? `letter-spacing="${s.spacing}"` : '',
    `fill="${s.fill}"`,
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${xml(content)}</text>`;
}

/** Rough advance width in ems: CJK and other wide characters are 1em, Latin about 0.55em. */
export function textWidthEm(s: string): number {
  let em = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    em += c >= 0x1100 && !(c >= 0x2000 && c <= 0x206f) ? 1 : c === 0x20 ? 0.3 : 0.55;
  }
  return em;
}

function fitFontSize(s: string, maxWidth: number, max: number, min: number): number {
  const em = textWidthEm(s);
  if (em === 0) return max;
  return Math.max(min, Math.min(max, Math.floor(maxWidth / em)));
}

/** Cuts `s` with an ellipsis so that it fits `maxWidth` at `fontSize`. */
export function fitText(s: string, maxWidth: number, fontSize: number): string {
  const limit = maxWidth / fontSize;
  if (textWidthEm(s) <= limit) return s;
  // Beyond limit / 0.3 characters nothing fits, so long input costs no more than short.
  const chars = [...s].slice(0, Math.ceil(limit / 0.3) + 1);
  while (chars.length > 0 && textWidthEm(chars.join('') + '…') > limit) chars.pop();
  return chars.join('') + '…';
}

/** Text content or attribute value safe for XML 1.0: escaped, without characters XML cannot hold. */
export function xml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters, so they are removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}
