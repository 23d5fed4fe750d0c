import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { OrgStats } from '@xianfeng/shared';
import { escapeFormula } from '../common/spreadsheet.js';
import type { LedgerColumn, LedgerPeriod, LedgerSheet } from '../common/ledger.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3E3E3' } };

/**
 * A calendar date as the day Excel shows: exceljs writes a Date as a serial counted in UTC, so the
 * date is given at UTC midnight of that day (not local midnight, which the server's zone would shift).
 */
export function excelDate(ymd: string): Date {
  const [y, m, d] = ymd.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** An instant as the Shanghai wall-clock time Excel shows (Excel cells have no time zone). */
export function excelShanghaiTime(at: Date): Date {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS);
}

function cellValue(col: LedgerColumn, v: unknown): ExcelJS.CellValue {
  if (v == null || v === '') return null;
  switch (col.kind) {
    case 'date':
      return excelDate(String(v));
    case 'datetime':
      return excelShanghaiTime(v instanceof Date ? v : new Date(String(v)));
    case 'number':
      return Number(v);
    default:
      return escapeFormula(String(v));
  }
}

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: LedgerColumn[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.kind === 'text' || !c.kind ? { alignment: { wrapText: true, vertical: 'top' } } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.commit();
  return ws;
}

const SUMMARY: Array<[string, (s: OrgStats) => number | string | null]> = [
  ['党员人数（期末）', (s) => s.members],
  ['发布承诺', (s) => s.commitments.published],
  ['践诺', (s) => s.commitments.fulfilled],
  ['发布心愿', (s) => s.wishes.posted],
  ['上墙心愿', (s) => s.wishes.open],
  ['认领心愿', (s) => s.wishes.claimed],
  ['完成心愿', (s) => s.wishes.fulfilled],
  ['群众确认', (s) => s.wishes.confirmed],
  ['政治生日关怀', (s) => s.greetings.sent],
  ['评议次数', (s) => s.reviews.count],
  ['评议均分', (s) => s.reviews.average],
  ['服务时长（分钟）', (s) => s.serviceMinutes],
  ['为民办实事（件）', (s) => s.deeds],
];

/**
 * Streams the work ledger (工作台账) into `out`: a summary sheet, then one sheet per feature, each row
 * committed as it is read, so memory stays flat however many rows a district's quarter has.
 */
export async function writeLedger(
  out: Writable,
  o: { orgName: string; orgIds: string[]; period: LedgerPeriod; stats: OrgStats; sheets: LedgerSheet[] },
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '先锋';
  wb.created = new Date();

  const summary = addSheet(wb, '汇总', [
    { header: '项目', key: 'label', width: 20 },
    { header: '数值', key: 'value', width: 14, kind: 'number' },
  ]);
  summary.addRow({ label: '组织', value: null }).getCell(2).value = escapeFormula(o.orgName);
  const periodRow = summary.addRow({ label: '期间' });
  periodRow.getCell(2).value = `${o.period.from ?? '开始'} 至 ${o.period.to ?? '今'}`;
  for (const [label, f] of SUMMARY) summary.addRow({ label, value: f(o.stats) }).commit();
  summary.commit();

  let rows = 0;
  for (const sheet of o.sheets) {
    const ws = addSheet(wb, sheet.name, sheet.columns);
    for await (const r of sheet.rows(o.orgIds, o.period)) {
      ws.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, cellValue(c, r[c.key])]))).commit();
      rows++;
    }
    ws.commit();
  }
  await wb.commit();
  return rows;
}
