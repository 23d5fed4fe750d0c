import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.js';
import { commitThenRead } from '../src/database/db.js';
import { createTestDatabase } from './support/db.js';

describe('commitThenRead', () => {
  let ds: DataSource;
  beforeAll(async () => {
    // Two connections: the one commitThenRead holds, and one for the test's look from outside.
    ds = await new DataSource(dataSourceOptions(await createTestDatabase(), 2)).initialize();
    await ds.query(`CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)`);
    await ds.query(`INSERT INTO counter VALUES (1, 0)`);
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const lockFreeFromOutside = async () =>
    ds.query(`SELECT n FROM counter WHERE id = 1 FOR UPDATE NOWAIT`).then(
      () => true,
      (err: { code?: string }) => (err.code === '55P03' ? false : Promise.reject(err)),
    );

  it('reads after the commit, on the same connection, with the write’s row locks already let go', async () => {
    const seen = await commitThenRead(
      ds,
      async (db) => {
        await db.query(`UPDATE counter SET n = n + 1 WHERE id = 1`);
        return { lockedDuringWork: !(await lockFreeFromOutside()), pid: ((await db.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0].pid };
      },
      async (db, done) => {
        const [{ n, pid }] = (await db.query(`SELECT n, pg_backend_pid() AS pid FROM counter WHERE id = 1`)) as Array<{ n: number; pid: number }>;
        return { ...done, n, samePid: pid === done.pid, lockedDuringRead: !(await lockFreeFromOutside()) };
      },
    );
    expect(seen).toMatchObject({ lockedDuringWork: true, n: 1, samePid: true, lockedDuringRead: false });
  });

  it('rolls the work back and does not read when the work throws', async () => {
    let read = false;
    await expect(
      commitThenRead(
        ds,
        async (db) => {
          await db.query(`UPDATE counter SET n = n + 100 WHERE id = 1`);
          throw new Error('refused');
        },
        async () => {
          read = true;
        },
      ),
    ).rejects.toThrow('refused');
    expect(read).toBe(false);
    expect(await ds.query(`SELECT n FROM counter WHERE id = 1`)).toEqual([{ n: 1 }]);
    // the connection went back to the pool usable, outside any transaction
    expect(await lockFreeFromOutside()).toBe(true);
  });
});
