import ExcelJS from 'exceljs';
import { PostKindLabels } from '@xianfeng/shared';
import { escapeFormula } from '../common/spreadsheet.js';
import { ROSTER_MAX_ROWS } from './roster-parser.js';

interface TemplateColumn {
  header: string;
  width: number;
  example: string | Date;
  date?: boolean;
  text?: boolean;
  /** Allowed values, offered as a drop-down list. */
  list?: readonly string[];
  note: string;
}

const REQUIRED = '必填。';
const COLUMNS: readonly TemplateColumn[] = [
  { header: '姓名', width: 12, example: '张三', note: `${REQUIRED}不超过 50 个字。` },
  { header: '性别', width: 8, example: '男', list: ['男', '女'], note: `${REQUIRED}男 或 女。` },
  { header: '出生日期', width: 14, example: utc(1985, 3, 12), date: true, note: `${REQUIRED}如 1985-03-12，也可写 1985/3/12 或 1985年3月12日。` },
  { header: '入党日期', width: 14, example: utc(2010, 7, 1), date: true, note: `${REQUIRED}须晚于出生日期，不能晚于今天。` },
  { header: '参加工作日期', width: 14, example: utc(2007, 7, 1), date: true, note: '可空。须晚于出生日期。' },
  { header: '党员状态', width: 12, example: '正式党员', list: ['正式党员', '预备党员'], note: '可空，空为正式党员。' },
  {
    header: '岗位类型',
    width: 14,
    example: PostKindLabels.demonstration,
    list: [PostKindLabels.demonstration, PostKindLabels.vanguard, PostKindLabels.responsibility_zone],
    note: '可空。党员示范岗、党员先锋岗 或 党员责任区。',
  },
  { header: '岗位名称', width: 18, example: '便民服务窗口', note: '可空，不超过 50 个字。' },
  { header: '职责', width: 40, example: '负责便民服务窗口接待，帮助居民办理各类证明', note: '可空，不超过 500 个字。' },
  { header: '手机号', width: 15, example: '13800138000', text: true, note: '可空。11 位大陆手机号。' },
  { header: '公开手机号', width: 12, example: '否', list: ['是', '否'], note: '可空，空为否。选“是”时群众可在党员名片上看到手机号。' },
];

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

/** exceljs keeps worksheet-level validations (one rule per range) but leaves them out of its typings. */
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/**
 * The roster import template: the header row {@link parseRoster} expects, one example row, drop-down
 * lists for the coded columns and a second sheet of instructions (the parser reads only the first).
 */
export async function buildRosterTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '先锋';
  workbook.created = new Date(Date.UTC(2025, 0, 1));
  const sheet = workbook.addWorksheet('党员名册', { views: [{ state: 'frozen', ySplit: 1 }] });

  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.date ? { numFmt: 'yyyy-mm-dd' } : c.text ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.height = 22;
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC8102E' } };
    cell.note = c.note;
  });

  sheet.addRow(COLUMNS.map((c) => (typeof c.example === 'string' ? escapeFormula(c.example) : c.example)));

  const lastRow = ROSTER_MAX_ROWS + 1;
  const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
  COLUMNS.forEach((c, i) => {
    if (!c.list) return;
    const col = sheet.getColumn(i + 1).letter;
    validations.add(`${col}2:${col}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `请从下拉列表中选择：${c.list.join('、')}`,
    });
  });

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 80 }];
  help.addRow(['列', '说明']).font = { bold: true };
  for (const c of COLUMNS) help.addRow([escapeFormula(c.header), escapeFormula(c.note)]);
  help.addRow([]);
  help.addRow(['提示', `一次最多导入 ${ROSTER_MAX_ROWS} 人；任一行有误则整份名册都不导入，请按错误报告改正后重新上传。示例行（张三）请删除或改为真实信息。`]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
