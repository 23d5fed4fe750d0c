import pg from 'pg';
import { DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * The application's DataSource. A statement outside a transaction (a service's read through
 * `dataSource.manager`) goes straight to the pool: TypeORM would open a query runner around it,
 * check a connection out and back in, and fire its query events — about a tenth of a public read's
 * CPU, for nothing this project uses (no entities, no subscribers, no query logging). Answers and
 * errors keep TypeORM's shape: rows, `[rows, rowCount]` for UPDATE and DELETE, and a database's
 * refusal as a QueryFailedError. Statements of a transaction still go through its query runner.
 */
export class AppDataSource extends DataSource {
  override async query<T = unknown>(query: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> {
    if (queryRunner) return super.query(query, parameters, queryRunner);
    const pool = (this.driver as PostgresDriver).master as pg.Pool;
    let result: pg.QueryResult;
    try {
      result = await pool.query(query, parameters);
    } catch (err) {
      throw err instanceof pg.DatabaseError ? new QueryFailedError(query, parameters, err) : err;
    }
    return (result.command === 'UPDATE' || result.command === 'DELETE' ? [result.rows, result.rowCount] : result.rows) as T;
  }
}
