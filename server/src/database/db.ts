import type { DataSource, EntityManager } from 'typeorm';

/**
 * The handle every repository method takes first: the transaction a service opened
 * (`dataSource.transaction((db) => …)`, or {@link commitThenRead}) or, for a single read, `dataSource.manager`.
 * Repositories hold the SQL; services decide which statements share a transaction.
 */
export type Db = EntityManager;

/**
 * Runs `work` in a transaction, commits, then runs `read` on the same connection outside it. For a
 * write whose answer is a read: the transaction's row locks are let go before the answer is read
 * (whoever queues on them waits for the write only), and the caller does not queue for a second
 * connection to read it. If `work` throws, the transaction is rolled back and `read` does not run.
 */
export async function commitThenRead<T, R>(ds: DataSource, work: (db: Db) => Promise<T>, read: (db: Db, done: T) => Promise<R>): Promise<R> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    let done: T;
    try {
      done = await work(runner.manager);
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    }
    return await read(runner.manager, done);
  } finally {
    await runner.release();
  }
}
