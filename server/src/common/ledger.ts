/**
 * One sheet of the work ledger (工作台账), provided by the feature that owns its rows: stats/ writes
 * the workbook and knows no feature's tables; each feature streams its own rows in pages.
 */
export interface LedgerColumn {
  header: string;
  key: string;
  /** Width in characters (a CJK character counts two). */
  width: number;
  /** `date`: a `YYYY-MM-DD` calendar date; `datetime`: an instant, written in Asia/Shanghai time. */
  kind?: 'text' | 'number' | 'date' | 'datetime';
}

export interface LedgerPeriod {
  from: string | null;
  to: string | null;
}

export abstract class LedgerSheet {
  abstract readonly name: string;
  abstract readonly columns: LedgerColumn[];
  /** Rows of these organisations for the period, a page at a time, so a district's quarter never sits whole in memory. */
  abstract rows(orgIds: string[], period: LedgerPeriod): AsyncIterable<Record<string, unknown>>;
}



/** Walks a keyset-paginated query: `fetch(after)` returns up to `size` rows after the key of the last one. */
export async function* keysetPages<R, K>(fetch: (after: K | null, size: number) => Promise<R[]>, keyOf: (row: R) => K, size = 1000): AsyncIterable<R> {
  let after: K | null = null;
  for (;;) {
    const rows = await fetch(after, size);
    for (const r of rows) yield r;
    if (rows.length < size) return;
    after = keyOf(rows[rows.length - 1]);
  }
}

/** A sheet read through one keyset-paginated repository query: the feature says how to fetch, key and show a row. */
export abstract class PagedLedgerSheet<R> extends LedgerSheet {
  protected abstract page(orgIds: string[], period: LedgerPeriod, after: [string, string] | null, size: number): Promise<R[]>;
  protected abstract keyOf(row: R): [string, string];
  protected abstract toRow(row: R): Record<string, unknown>;

  async *rows(orgIds: string[], period: LedgerPeriod): AsyncIterable<Record<string, unknown>> {
    for await (const r of keysetPages((after: [string, string] | null, size) => this.page(orgIds, period, after, size), (r) => this.keyOf(r))) yield this.toRow(r);
  }
}
