import { afterAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DEFAULT_DB_SETTINGS } from '../src/config/config.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { createTestDatabase } from './support/db.js';

/** What one connection has prepared, after it ran `SELECT $1::int + 1` (and a statement without parameters). */
async function preparedAfterQueries(ds: DataSource): Promise<{ answer: number; prepared: string[] }> {
  return ds.transaction(async (m) => {
    const [{ n }] = (await m.query('SELECT $1::int + 1 AS n', [41])) as Array<{ n: number }>;
    await m.query('SELECT 1');
    const rows = (await m.query('SELECT statement FROM pg_prepared_statements')) as Array<{ statement: string }>;
    return { answer: n, prepared: rows.map((r) => r.statement) };
  });
}

describe('prepared statements', () => {
  const sources: DataSource[] = [];
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
  });
  const open = async (preparedStatements: boolean, poolSize = 2) => {
    const ds = new DataSource(dataSourceOptions(await createTestDatabase(), poolSize, { ...DEFAULT_DB_SETTINGS, preparedStatements }));
    sources.push(await ds.initialize());
    return ds;
  };

  it('a statement with parameters is prepared on its connection once, and answers as before', async () => {
    const ds = await open(true);
    const first = await preparedAfterQueries(ds);
    const again = await preparedAfterQueries(ds);
    expect(first.answer).toBe(42);
    expect(again.answer).toBe(42);
    expect(first.prepared).toContain('SELECT $1::int + 1 AS n');
    expect(again.prepared.filter((s) => s === 'SELECT $1::int + 1 AS n')).toHaveLength(1);
    expect(first.prepared).not.toContain('SELECT 1'); // no parameters: the simple protocol, as before
  });

  it('DB_PREPARED_STATEMENTS=false prepares nothing (for a pooler that cannot keep them)', async () => {
    const ds = await open(false);
    const { answer, prepared } = await preparedAfterQueries(ds);
    expect(answer).toBe(42);
    expect(prepared).toEqual([]);
  });

  it('a prepared SELECT * whose table gained a column (a newer instance migrated) fails once, then is prepared afresh', async () => {
    const ds = await open(true, 1); // one connection: every call below reuses its prepared statement
    await ds.query('CREATE TABLE probe_t (id int PRIMARY KEY)');
    await ds.query('INSERT INTO probe_t VALUES (1)');
    const read = () => ds.query('SELECT * FROM probe_t WHERE id = $1', [1]) as Promise<Array<Record<string, unknown>>>;
    expect(await read()).toEqual([{ id: 1 }]);
    await ds.query(`ALTER TABLE probe_t ADD COLUMN label text NOT NULL DEFAULT 'x'`);
    await expect(read()).rejects.toMatchObject({ message: expect.stringMatching(/cached plan must not change result type/) });
    expect(await read()).toEqual([{ id: 1, label: 'x' }]);
    expect(await read()).toEqual([{ id: 1, label: 'x' }]);
  });
});
