import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE/DELETE … RETURNING and gives back the returned rows. (TypeORM's `query()` answers
 * `[rows, rowCount]` for UPDATE and DELETE but plain rows for everything else.)
 */
export async function returning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** The Postgres error code of a failed query (23505 unique violation, …), if any. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { driverError?: { code?: string }; code?: string };
  return e?.driverError?.code ?? e?.code;
}

/** Appends a statement parameter and answers its placeholder (`$n`): `const bind = binder(params)`. */
export const binder =
  (params: unknown[]) =>
  (value: unknown): string =>
    `$${params.push(value)}`;
