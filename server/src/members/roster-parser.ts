import { parse as parseCsv } from 'csv-parse';
import { PostKindLabels, type ErrorDetail, type PostKind } from '@xianfeng/shared';
import { isCalendarDate, todayInShanghai } from '../common/dates.js';
import { escapeFormula, readXlsxRows, SpreadsheetError, type SheetCell } from '../common/spreadsheet.js';

/** One member record as read from an uploaded roster, already validated and normalised. */
export interface RosterRow {
  name: string;
  gender: 'male' | 'female';
  birthday: string;
  joinedPartyOn: string;
  workStartedOn: string | null;
  status: 'full' | 'probationary';
  postKind: PostKind | null;
  postTitle: string | null;
  duties: string | null;
  phone: string | null;
  showPhone: boolean;
}

/**
 * `rows` holds only rows without errors; `row` is the 1-based sheet row (the header is row 1 in a
 * normal sheet). The import is all-or-nothing: callers must reject the whole file when `errors` is
 * not empty.
 */
export interface RosterParseResult {
  rows: Array<RosterRow & { row: number }>;
  errors: ErrorDetail[];
}

export const ROSTER_MAX_ROWS = 5000;

/** A problem with the file as a whole (not readable, no header, too many rows…); the message is Chinese and meant for the user. */
export class RosterFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterFormatError';
  }
}

export interface RosterUpload {
  buffer: Buffer;
  originalname: string;
  mimetype?: string;
}

export interface ParseRosterOptions {
  /** `YYYY-MM-DD` used to reject future dates; defaults to today in Asia/Shanghai. */
  today?: string;
}

type Field = keyof RosterRow;
/** A cell value as read from a sheet (date-formatted numbers as Dates; CSV cells are strings). */
export type RosterCell = SheetCell;
type Cell = RosterCell;
interface SheetRow {
  row: number;
  cells: Cell[];
}
interface Sheet {
  rows: SheetRow[];
  date1904: boolean;
  /** More rows than a roster may have: reading stopped early. */
  truncated: boolean;
}


const COLUMNS: ReadonlyArray<{ field: Field; required: boolean; aliases: readonly string[] }> = [
  { field: 'name', required: true, aliases: ['姓名', '党员姓名', 'name'] },
  { field: 'gender', required: true, aliases: ['性别', 'gender', 'sex'] },
  { field: 'birthday', required: true, aliases: ['出生日期', '生日', '出生年月日', 'birthday'] },
  { field: 'joinedPartyOn', required: true, aliases: ['入党日期', '入党时间', 'joinedPartyOn'] },
  { field: 'workStartedOn', required: false, aliases: ['参加工作日期', '参加工作时间', 'workStartedOn'] },
  { field: 'status', required: false, aliases: ['党员状态', '状态', 'status'] },
  { field: 'postKind', required: false, aliases: ['岗位类型', 'postKind'] },
  { field: 'postTitle', required: false, aliases: ['岗位名称', '岗位', 'postTitle'] },
  { field: 'duties', required: false, aliases: ['职责', '岗位职责', 'duties'] },
  { field: 'phone', required: false, aliases: ['手机号', '手机号码', '手机', '电话', '联系电话', 'phone'] },
  { field: 'showPhone', required: false, aliases: ['公开手机号', '是否公开手机号', 'showPhone'] },
];

/** Header text → comparable key: width-folded, no spaces/underscores, no `*` required-markers or trailing "(…)" hints, lower case. */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s_\-*]/g, '')
    .replace(/\([^)]*\)$/, '')
    .toLowerCase();
}

const FIELD_BY_HEADER = new Map<string, Field>(
  COLUMNS.flatMap((c) => c.aliases.map((a) => [headerKey(a), c.field] as const)),
);
const CANONICAL_HEADER: Record<Field, string> = Object.fromEntries(
  COLUMNS.map((c) => [c.field, c.aliases[0]]),
) as Record<Field, string>;

const GENDERS = new Map<string, RosterRow['gender']>([
  ['男', 'male'], ['男性', 'male'], ['male', 'male'], ['m', 'male'],
  ['女', 'female'], ['女性', 'female'], ['female', 'female'], ['f', 'female'],
]);
const STATUSES = new Map<string, RosterRow['status']>([
  ['正式党员', 'full'], ['正式', 'full'], ['full', 'full'],
  ['预备党员', 'probationary'], ['预备', 'probationary'], ['probationary', 'probationary'],
]);
const POST_KINDS = new Map<string, PostKind>([
  ['示范岗', 'demonstration'], ['党员示范岗', 'demonstration'], ['demonstration', 'demonstration'],
  ['先锋岗', 'vanguard'], ['党员先锋岗', 'vanguard'], ['vanguard', 'vanguard'],
  ['责任区', 'responsibility_zone'], ['党员责任区', 'responsibility_zone'], ['responsibility_zone', 'responsibility_zone'],
  ['responsibilityzone', 'responsibility_zone'],
]);
const BOOLEANS = new Map<string, boolean>([
  ['是', true], ['true', true], ['1', true], ['yes', true], ['y', true], ['公开', true],
  ['否', false], ['false', false], ['0', false], ['no', false], ['n', false], ['不公开', false],
]);

const MOBILE_RE = /^1[3-9]\d{9}$/;
const LIMITS = { name: 50, postTitle: 50, duties: 500 } as const;
/** How many leading non-blank rows may precede the header (a title line such as "XX支部党员花名册"). */
const HEADER_SEARCH_ROWS = 10;
/** Non-empty rows read at most: the data limit, one more to tell "too many", and the lines above the data. */
const READ_MAX_ROWS = ROSTER_MAX_ROWS + 1 + HEADER_SEARCH_ROWS;

/**
 * Reads a roster upload (.xlsx, or .csv in UTF-8 / GB18030) into validated member rows, collecting
 * one error per bad field across the whole file. Throws {@link RosterFormatError} for problems with
 * the file as a whole.
 */
export async function parseRoster(file: RosterUpload, options: ParseRosterOptions = {}): Promise<RosterParseResult> {
  const sheet = await readSheet(file);
  const today = options.today ?? todayInShanghai();

  const headerIndex = findHeaderRow(sheet.rows);
  const header = sheet.rows[headerIndex];
  const columns = mapColumns(header.cells);

  const dataRows = sheet.rows.slice(headerIndex + 1).filter((r) => !isBlankRow(r, columns));
  if (dataRows.length === 0 && !sheet.truncated) throw new RosterFormatError('名册中没有数据行：请在表头下方逐行填写党员信息');
  if (dataRows.length > ROSTER_MAX_ROWS || sheet.truncated) {
    const count = sheet.truncated ? `超过 ${ROSTER_MAX_ROWS} 行数据` : `有 ${dataRows.length} 行数据`;
    throw new RosterFormatError(`名册最多 ${ROSTER_MAX_ROWS} 行，此文件${count}，请分批导入`);
  }

  const result: RosterParseResult = { rows: [], errors: [] };
  const seen = new Map<string, number>();
  for (const sheetRow of dataRows) {
    const reader = new RowReader(sheetRow, columns, sheet.date1904, today);
    const parsed = reader.read();
    result.errors.push(...reader.errors);
    let duplicate = false;
    if (reader.name !== null && reader.birthday !== null) {
      // A row with errors elsewhere still claims its name + birthday, so a later copy is reported too.
      const key = `${reader.name}\u0000${reader.birthday}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, sheetRow.row);
      } else {
        duplicate = true;
        result.errors.push({
          row: sheetRow.row,
          field: 'name',
          message: `第 ${sheetRow.row} 行与第 ${first} 行重复（${columns.header.name}和${columns.header.birthday}都相同）：${reader.name}`,
        });
      }
    }
    if (parsed && !duplicate) result.rows.push({ ...parsed, row: sheetRow.row });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reading the file

async function readSheet(file: RosterUpload): Promise<Sheet> {
  const buf = file.buffer;
  if (!buf || buf.length === 0) throw new RosterFormatError('上传的文件是空的');
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(buf);
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new RosterFormatError('不支持旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 后再导入');
  }
  const text = decodeText(buf);
  const isCsvName = /\.csv$/i.test(file.originalname ?? '');
  if (text === null || (!isCsvName && !looksLikeText(text))) {
    throw new RosterFormatError('无法识别的文件类型：请上传 .xlsx 或 .csv 格式的名册');
  }
  return readCsv(text);
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/** UTF-8 (BOM optional) or UTF-16 with BOM; bytes that are not valid UTF-8 are read as GB18030 (Excel's "CSV" on Chinese Windows). Null when binary. */
function decodeText(buf: Buffer): string | null {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (startsWith(buf, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (startsWith(buf, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** No NULs and almost no other control characters in the first few KB. */
function looksLikeText(text: string): boolean {
  const head = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control <= head.length / 100;
}

/**
 * Streams the CSV through the parser in slices, yielding between them, and stops after
 * READ_MAX_ROWS records: a huge file costs no more than a full one.
 */
async function readCsv(text: string): Promise<Sheet> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const parser = parseCsv({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const rows: SheetRow[] = [];
  let records = 0;
  let nonEmpty = 0;
  let truncated = false;
  let failure: Error | null = null;
  parser.on('readable', () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      // Each CSV record is one sheet row when the file is opened in Excel, blank lines included.
      records++;
      if (truncated) continue;
      if (record.some((c) => c.trim() !== '') && ++nonEmpty > READ_MAX_ROWS) truncated = true;
      else rows.push({ row: records, cells: record });
    }
  });
  parser.on('error', (err) => (failure = err));
  const done = new Promise<void>((resolve) => parser.once('end', resolve).once('error', () => resolve()));
  const SLICE = 64 * 1024;
  for (let i = 0; i < text.length && !truncated && !failure; i += SLICE) {
    parser.write(text.slice(i, i + SLICE));
    await new Promise((r) => setImmediate(r));
  }
  if (truncated) {
    parser.destroy();
  } else if (!failure) {
    parser.end();
    await done;
  }
  if (failure) throw new RosterFormatError(`CSV 文件格式有误，无法读取：${(failure as Error).message}`);
  return { rows, date1904: false, truncated };
}

async function readXlsx(buf: Buffer): Promise<Sheet> {
  try {
    return await readXlsxRows(buf, { maxRows: READ_MAX_ROWS, maxCellChars: 2000 });
  } catch (err) {
    if (err instanceof SpreadsheetError) throw new RosterFormatError('无法读取 Excel 文件：文件可能已损坏，或不是 .xlsx 格式');
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Header

interface ColumnMap {
  index: Partial<Record<Field, number>>;
  /** The header text as written in the sheet, for messages. */
  header: Record<Field, string>;
}

function findHeaderRow(rows: SheetRow[]): number {
  if (rows.length === 0 || rows.every((r) => r.cells.every(isBlankCell))) {
    throw new RosterFormatError('名册是空的：第一个工作表中没有任何内容');
  }
  let nonBlankSeen = 0;
  for (let i = 0; i < rows.length && nonBlankSeen < HEADER_SEARCH_ROWS; i++) {
    if (rows[i].cells.every(isBlankCell)) continue;
    nonBlankSeen++;
    if (rows[i].cells.some((c) => c !== null && FIELD_BY_HEADER.get(headerKey(cellText(c))) === 'name')) return i;
  }
  throw new RosterFormatError('找不到表头：第一行应为列名（姓名、性别、出生日期、入党日期……），请使用导入模板');
}

function mapColumns(cells: Cell[]): ColumnMap {
  const index: Partial<Record<Field, number>> = {};
  const header = { ...CANONICAL_HEADER };
  cells.forEach((cell, i) => {
    if (cell === null) return;
    const written = cellText(cell).trim();
    const field = FIELD_BY_HEADER.get(headerKey(written));
    if (!field) return;
    if (index[field] !== undefined) {
      throw new RosterFormatError(`表头中「${header[field]}」和「${written}」是同一列，请删除其中一列`);
    }
    index[field] = i;
    header[field] = written;
  });
  const missing = COLUMNS.filter((c) => c.required && index[c.field] === undefined).map((c) => `「${c.aliases[0]}」`);
  if (missing.length > 0) throw new RosterFormatError(`名册缺少必填列：${missing.join('、')}`);
  return { index, header };
}

function isBlankCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function isBlankRow(row: SheetRow, columns: ColumnMap): boolean {
  return Object.values(columns.index).every((i) => isBlankCell(row.cells[i as number]));
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : utcDate(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return String(cell);
}

// ---------------------------------------------------------------------------------------------
// Rows

class RowReader {
  readonly errors: ErrorDetail[] = [];
  /** Set when valid, even if other fields fail, for duplicate detection. */
  name: string | null = null;
  birthday: string | null = null;

  constructor(
    private readonly sheetRow: SheetRow,
    private readonly columns: ColumnMap,
    private readonly date1904: boolean,
    private readonly today: string,
  ) {}

  read(): RosterRow | null {
    const name = this.text('name', LIMITS.name, true);
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
    if (name !== null && /[\u0000-\u001f\u007f]/.test(name)) {
      this.fail('name', `「${this.columns.header.name}」不能包含换行或控制字符`);
    }
    const gender = this.choice('gender', GENDERS, '应为“男”或“女”', true);
    const birthday = this.date('birthday', true);
    const joinedPartyOn = this.date('joinedPartyOn', true);
    const workStartedOn = this.date('workStartedOn', false);
    const status = this.choice('status', STATUSES, '应为“正式党员”或“预备党员”', false) ?? 'full';
    const postKind = this.choice(
      'postKind',
      POST_KINDS,
      `应为“${PostKindLabels.demonstration}”“${PostKindLabels.vanguard}”“${PostKindLabels.responsibility_zone}”之一，或留空`,
      false,
    );
    const postTitle = this.text('postTitle', LIMITS.postTitle, false);
    const duties = this.text('duties', LIMITS.duties, false);
    const phone = this.phone();
    const showPhone = this.choice('showPhone', BOOLEANS, '应为“是”或“否”', false) ?? false;

    if (birthday && joinedPartyOn && joinedPartyOn <= birthday) {
      this.fail('joinedPartyOn', `「${this.columns.header.joinedPartyOn}」应晚于出生日期（${birthday}）：${joinedPartyOn}`);
    }
    if (birthday && workStartedOn && workStartedOn <= birthday) {
      this.fail('workStartedOn', `「${this.columns.header.workStartedOn}」应晚于出生日期（${birthday}）：${workStartedOn}`);
    }

    if (name !== null && this.errors.every((e) => e.field !== 'name')) this.name = name;
    this.birthday = birthday;
    if (this.errors.length > 0) return null;
    return {
      name: name!,
      gender: gender!,
      birthday: birthday!,
      joinedPartyOn: joinedPartyOn!,
      workStartedOn,
      status,
      postKind,
      postTitle,
      duties,
      phone,
      showPhone,
    };
  }

  private cell(field: Field): Cell {
    const i = this.columns.index[field];
    if (i === undefined) return null;
    const cell = this.sheetRow.cells[i];
    return cell === undefined || isBlankCell(cell) ? null : cell;
  }

  private fail(field: Field, what: string): void {
    this.errors.push({ row: this.sheetRow.row, field, message: `第 ${this.sheetRow.row} 行${what}` });
  }

  private missing(field: Field): void {
    this.fail(field, `「${this.columns.header[field]}」不能为空`);
  }

  private text(field: Field, max: number, required: boolean): string | null {
    const cell = this.cell(field);
    if (cell === null) {
      if (required) this.missing(field);
      return null;
    }
    // Stored escaped, so a `=HYPERLINK(…)` cell never runs as a formula in a later export.
    const value = escapeFormula(cellText(cell).replace(/\r\n?/g, '\n').trim());
    const length = [...value].length;
    if (length > max) {
      this.fail(field, `「${this.columns.header[field]}」不能超过 ${max} 个字（现有 ${length} 个字）`);
      return null;
    }
    return value;
  }

  private choice<T>(field: Field, options: Map<string, T>, expected: string, required: boolean): T | null {
    const cell = this.cell(field);
    if (cell === null) {
      if (required) this.missing(field);
      return null;
    }
    const raw = cellText(cell);
    const value = options.get(raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
    if (value === undefined) {
      this.fail(field, `「${this.columns.header[field]}」${expected}：${show(raw)}`);
      return null;
    }
    return value;
  }

  private date(field: Field, required: boolean): string | null {
    const cell = this.cell(field);
    if (cell === null) {
      if (required) this.missing(field);
      return null;
    }
    const value = toCalendarDate(cell, this.date1904);
    if (value === null) {
      this.fail(field, `「${this.columns.header[field]}」不是有效日期：${show(cellText(cell))}`);
      return null;
    }
    if (value > this.today) {
      this.fail(field, `「${this.columns.header[field]}」不能晚于今天：${value}`);
      return null;
    }
    return value;
  }

  private phone(): string | null {
    const cell = this.cell('phone');
    if (cell === null) return null;
    const raw = cellText(cell);
    const digits = raw
      .normalize('NFKC')
      .replace(/[\s\-()]/g, '')
      .replace(/^(\+?86)(?=1\d{10}$)/, '');
    if (!MOBILE_RE.test(digits)) {
      this.fail('phone', `「${this.columns.header.phone}」不是有效的手机号（11 位，以 1 开头）：${show(raw)}`);
      return null;
    }
    return digits;
  }
}

function show(raw: string): string {
  const value = raw.trim();
  const chars = [...value];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value;
}

// ---------------------------------------------------------------------------------------------
// Dates

const DATE_TEXT_RE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MS = 86_400_000;

/** A cell as `YYYY-MM-DD`, or null when it does not name a real day. */
export function toCalendarDate(cell: RosterCell, date1904 = false): string | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    // exceljs turns date-formatted cells into Dates at UTC midnight of the sheet's day.
    if (Number.isNaN(cell.getTime())) return null;
    return checked(utcDate(cell));
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 21001231) return fromCompact(String(cell));
    return fromSerial(cell, date1904);
  }
  const text = cell.normalize('NFKC').trim();
  const m = DATE_TEXT_RE.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  return fromCompact(text);
}

function fromCompact(text: string): string | null {
  const m = COMPACT_DATE_RE.exec(text);
  return m ? ymd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Excel serial day numbers: 1900 system (with Lotus' phantom 1900-02-29 as serial 60) or 1904 system. */
function fromSerial(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const day = Math.floor(serial);
  let ms: number;
  if (date1904) ms = Date.UTC(1904, 0, 1) + day * DAY_MS;
  else if (day === 60) return null;
  else if (day < 60) ms = Date.UTC(1899, 11, 31) + day * DAY_MS;
  else ms = Date.UTC(1899, 11, 30) + day * DAY_MS;
  return checked(utcDate(new Date(ms)));
}

function ymd(y: number, m: number, d: number): string | null {
  return checked(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

function checked(date: string): string | null {
  return isCalendarDate(date) ? date : null;
}

function utcDate(d: Date): string {
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
