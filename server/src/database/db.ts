import type { EntityManager } from 'typeorm';

/**
 * The handle every repository method takes first: the transaction a service opened
 * (`dataSource.transaction((db) => …)`) or, for a single read, `dataSource.manager`.
 * Repositories hold the SQL; services decide which statements share a transaction.
 */
export type Db = EntityManager;
