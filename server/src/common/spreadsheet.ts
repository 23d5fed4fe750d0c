import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * Spreadsheet helpers that bound their work by the file's own sizes: a streaming .xlsx reader that
 * stops after a given number of rows, and the formula-prefix escape used on import and export.
 */

/** A cell as read from a sheet. */
export type SheetCell = string | number | boolean | Date | null;
export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  cells: SheetCell[];
}
export interface SheetRows {
  rows: SheetRow[];
  date1904: boolean;
  /** The sheet has more non-empty rows than `maxRows`: only the first `maxRows` are in `rows`. */
  truncated: boolean;
}

/** The file as a whole cannot be read: not a workbook, damaged, or a part larger than its cap. */
export class SpreadsheetError extends Error {}

export interface XlsxLimits {
  /** Stop after this many non-empty rows (the caller refuses the file when `truncated`). */
  maxRows: number;
  /** Largest uncompressed workbook/relationships/styles part read whole. */
  maxSmallPartBytes?: number;
  /** Most bytes inflated from the sheet or the shared strings. */
  maxStreamBytes?: number;
  /** Longest cell text kept (longer text is cut; validation then refuses it). */
  maxCellChars?: number;
}

const FORMULA_PREFIX = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet program would run as a formula (`=HYPERLINK(…)`, `+1`, `-1+1`, `@SUM`, a leading
 * tab or CR) gets a leading apostrophe, which spreadsheet programs show as text. Applied to text cells
 * read from an uploaded roster and to every text cell this server writes into a workbook.
 */
export function escapeFormula(text: string): string {
  return FORMULA_PREFIX.test(text) ? `'${text}` : text;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Column letters of a cell reference (`AB12`) → 0-based index. */
function columnIndex(ref: string | undefined, fallback: number): number {
  if (!ref) return fallback;
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n > 0 && n <= 16384 ? n - 1 : fallback;
}

// Built-in date/time number formats (ECMA-376 §18.8.30).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const isDateFormatCode = (code: string) => /[ymdhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

/** Excel serial day → Date (UTC), as exceljs reads date-formatted cells. */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

interface Entries {
  zip: yauzl.ZipFile;
  byName: Map<string, yauzl.Entry>;
}

async function openZip(buf: Buffer): Promise<Entries> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const byName = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      // Thousands of entries is not a workbook of ours.
      if (byName.size > 10_000) return reject(new SpreadsheetError('too many zip entries'));
      byName.set(e.fileName.replace(/^\/+/, ''), e);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  return { zip, byName };
}

function openEntry(z: Entries, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => z.zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
}

/**
 * Feeds an entry's XML to a SAX handler chunk by chunk (yielding to other requests between chunks)
 * until the handler says stop, the entry ends, or `maxBytes` were inflated.
 */
async function streamXml(
  z: Entries,
  entry: yauzl.Entry,
  maxBytes: number,
  handlers: { open?: (tag: SaxesTagPlain) => void; text?: (t: string) => void; close?: (name: string) => void },
  stopped: () => boolean,
): Promise<void> {
  const stream = await openEntry(z, entry);
  const parser = new SaxesParser({ xmlns: false });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) parser.on('closetag', (t) => handlers.close!(local(t.name)));
  const decoder = new StringDecoder('utf8');
  let read = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > maxBytes) throw new SpreadsheetError(`${entry.fileName} is larger than ${maxBytes} bytes`);
      parser.write(decoder.write(chunk));
      if (stopped()) return;
    }
    parser.write(decoder.end());
    parser.close();
  } finally {
    stream.destroy();
  }
}

async function readSmall(z: Entries, name: string, maxBytes: number): Promise<string | null> {
  const entry = z.byName.get(name);
  if (!entry) return null;
  if (entry.uncompressedSize > maxBytes) throw new SpreadsheetError(`${name} is larger than ${maxBytes} bytes`);
  const stream = await openEntry(z, entry);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new SpreadsheetError(`${name} is larger than ${maxBytes} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Every opening tag of a small XML part, in order. */
function tags(xml: string): SaxesTagPlain[] {
  const out: SaxesTagPlain[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => out.push(t));
  parser.write(xml).close();
  return out;
}

const attr = (t: SaxesTagPlain, name: string): string | undefined => {
  for (const [k, v] of Object.entries(t.attributes)) if (local(k) === name || k === name) return v as string;
  return undefined;
};

/** The first worksheet's part name, as exceljs and Excel order them (the workbook's `<sheets>`). */
function firstSheetPath(workbookXml: string, relsXml: string | null): { path: string | null; date1904: boolean } {
  const wb = tags(workbookXml);
  const date1904 = wb.some((t) => local(t.name) === 'workbookPr' && /^(1|true)$/.test(attr(t, 'date1904') ?? ''));
  const sheet = wb.find((t) => local(t.name) === 'sheet');
  if (!sheet) return { path: null, date1904 };
  const rid = Object.entries(sheet.attributes).find(([k]) => k === 'r:id' || local(k) === 'id')?.[1] as string | undefined;
  const rel = relsXml ? tags(relsXml).find((t) => local(t.name) === 'Relationship' && attr(t, 'Id') === rid) : undefined;
  const target = rel ? attr(rel, 'Target') : undefined;
  if (!target) return { path: 'xl/worksheets/sheet1.xml', date1904 };
  return { path: target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`, date1904 };
}

/** Style index → whether it formats numbers as dates. */
function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  const out: boolean[] = [];
  let inCellXfs = false;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => {
    const n = local(t.name);
    if (n === 'numFmt') custom.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
    else if (n === 'cellXfs') inCellXfs = true;
    else if (n === 'xf' && inCellXfs) {
      const id = Number(attr(t, 'numFmtId') ?? 0);
      out.push(BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormatCode(custom.get(id)!)));
    }
  });
  parser.on('closetag', (t) => {
    if (local(t.name) === 'cellXfs') inCellXfs = false;
  });
  parser.write(stylesXml).close();
  return out;
}

/** A shared-string reference, resolved once the strings are read. */
class SharedRef {
  constructor(readonly index: number) {}
}

/**
 * Reads the first worksheet of an .xlsx without loading the workbook: the zip's central directory
 * gives each part's size; the workbook, relationships and styles parts are read whole under a size
 * cap; the sheet is streamed and reading stops after `maxRows` non-empty rows; then the shared
 * strings are streamed only up to the highest index those rows use. Work is therefore bounded by
 * `maxRows`, not by the file, and other requests keep being served between chunks.
 */
export async function readXlsxRows(buf: Buffer, limits: XlsxLimits): Promise<SheetRows> {
  const maxSmall = limits.maxSmallPartBytes ?? 8 * 1024 * 1024;
  const maxStream = limits.maxStreamBytes ?? 256 * 1024 * 1024;
  const maxChars = limits.maxCellChars ?? 32_767;
  let z: Entries;
  try {
    z = await openZip(buf);
  } catch (err) {
    throw err instanceof SpreadsheetError ? err : new SpreadsheetError(`not a zip file: ${(err as Error).message}`);
  }
  try {
    const workbookXml = await readSmall(z, 'xl/workbook.xml', maxSmall);
    if (workbookXml === null) throw new SpreadsheetError('no xl/workbook.xml');
    const { path, date1904 } = firstSheetPath(workbookXml, await readSmall(z, 'xl/_rels/workbook.xml.rels', maxSmall));
    const sheetEntry = path ? z.byName.get(path) : undefined;
    if (!sheetEntry) return { rows: [], date1904, truncated: false };
    const isDate = dateStyles(await readSmall(z, 'xl/styles.xml', maxSmall));

    const rows: SheetRow[] = [];
    let truncated = false;
    let rowNumber = 0;
    let cells: Array<SheetCell | SharedRef> = [];
    let col = -1;
    let type = 'n';
    let style = 0;
    let text: string | null = null; // collecting <v> or inline <t>
    let value = '';
    let inInline = false;
    let inPhonetic = false;
    let maxShared = -1;
    const finishCell = () => {
      if (col < 0) return;
      let cell: SheetCell | SharedRef = null;
      if (type === 's') {
        const i = Number(value);
        if (Number.isInteger(i) && i >= 0) {
          cell = new SharedRef(i);
          maxShared = Math.max(maxShared, i);
        }
      } else if (type === 'inlineStr' || type === 'str') cell = value.slice(0, maxChars);
      else if (type === 'b') cell = value === '1' || value === 'true';
      else if (type === 'e') cell = value;
      else if (value.trim() !== '') {
        const n = Number(value);
        cell = Number.isFinite(n) ? (isDate[style] ? serialToDate(n, date1904) : n) : value.slice(0, maxChars);
      }
      if (cell !== null && cell !== '') cells[col] = cell;
      col = -1;
    };
    await streamXml(
      z,
      sheetEntry,
      maxStream,
      {
        open: (t) => {
          const n = local(t.name);
          if (n === 'row') {
            const r = Number(attr(t, 'r'));
            rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
            cells = [];
          } else if (n === 'c') {
            col = columnIndex(attr(t, 'r'), cells.length);
            type = attr(t, 't') ?? 'n';
            style = Number(attr(t, 's') ?? 0);
            value = '';
          } else if (n === 'v' && col >= 0 && !inInline) {
            text = '';
          } else if (n === 'is') {
            inInline = true;
          } else if (n === 'rPh') {
            inPhonetic = true;
          } else if (n === 't' && inInline && !inPhonetic) {
            text = '';
          }
        },
        text: (s) => {
          if (text !== null && text.length < maxChars) text += s;
        },
        close: (n) => {
          if ((n === 'v' || n === 't') && text !== null) {
            value += text;
            text = null;
          } else if (n === 'rPh') inPhonetic = false;
          else if (n === 'is') inInline = false;
          else if (n === 'c') finishCell();
          else if (n === 'row') {
            if (cells.some((c) => c !== undefined && c !== null)) {
              if (rows.length >= limits.maxRows) truncated = true;
              else rows.push({ row: rowNumber, cells: cells as SheetCell[] });
            }
          }
        },
      },
      () => truncated,
    );

    if (maxShared >= 0) {
      const strings = await readSharedStrings(z, maxShared, maxStream, maxChars);
      for (const r of rows) {
        r.cells = r.cells.map((c) => ((c as unknown) instanceof SharedRef ? (strings[(c as unknown as SharedRef).index] ?? null) : c));
      }
    }
    return { rows, date1904, truncated };
  } catch (err) {
    if (err instanceof SpreadsheetError) throw err;
    throw new SpreadsheetError(`unreadable workbook: ${(err as Error).message}`);
  } finally {
    z.zip.close();
  }
}

/** Shared strings 0…`upTo` (rich-text runs joined, phonetic hints skipped); stops reading after `upTo`. */
async function readSharedStrings(z: Entries, upTo: number, maxBytes: number, maxChars: number): Promise<string[]> {
  const entry = z.byName.get('xl/sharedStrings.xml');
  if (!entry) return [];
  const out: string[] = [];
  let current: string | null = null;
  let text: string | null = null;
  let inPhonetic = false;
  await streamXml(
    z,
    entry,
    maxBytes,
    {
      open: (t) => {
        const n = local(t.name);
        if (n === 'si') current = '';
        else if (n === 'rPh') inPhonetic = true;
        else if (n === 't' && current !== null && !inPhonetic) text = '';
      },
      text: (s) => {
        if (text !== null && text.length < maxChars) text += s;
      },
      close: (n) => {
        if (n === 't' && text !== null) {
          current = (current ?? '') + text;
          text = null;
        } else if (n === 'rPh') inPhonetic = false;
        else if (n === 'si' && current !== null) {
          out.push(current.slice(0, maxChars));
          current = null;
        }
      },
    },
    () => out.length > upTo,
  );
  return out;
}
