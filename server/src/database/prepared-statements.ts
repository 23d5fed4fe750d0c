import type pg from 'pg';

/** At most this many distinct statement texts get a name; any further text runs unnamed, as before. */
export const MAX_NAMED_STATEMENTS = 1000;

/** Statement text → its name, the same on every connection of the process. */
const names = new Map<string, string>();

let counter = 0;

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `xf_${counter++}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A prepared `SELECT *` or `RETURNING *` whose table gained a column (a migration run by a newer
 * instance while this one serves) fails with "cached plan must not change result type" on every
 * connection that prepared it, for as long as it stays prepared. The statement fails once; the text
 * is then given a new name, prepared afresh on each connection's next call.
 */
function renameIfStale(text: string, err: unknown): void {
  if ((err as { code?: string })?.code === '0A000' && /cached plan must not change result type/.test((err as Error).message)) names.delete(text);
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Every statement with parameters that this connection runs becomes a named prepared statement: the
 * connection parses and plans a text once and then only binds and executes it. Unnamed, PostgreSQL
 * planned every statement afresh on every call — measured in the claim burst, planning was 85% of
 * the claim pre-check's database time (0.30 of 0.36 ms) and 80% of the caller lookup's, most of the
 * database's work. PostgreSQL still plans a statement with its actual values for the first five
 * calls, and keeps a generic plan only where that is estimated no worse.
 *
 * Statements without parameters (BEGIN, COMMIT, a fixed read) keep the simple protocol. Turned off
 * with DB_PREPARED_STATEMENTS=false, for a connection pooler that cannot keep a session's statements.
 */
export function prepareStatements(client: pg.Client): void {
  // The class's own query, looked up on each call (so a bench that wraps the class still sees it).
  const proto = Object.getPrototypeOf(client) as { query: QueryFn };
  const query: QueryFn = (...args) => proto.query.apply(client, args);
  (client as unknown as { query: QueryFn }).query = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = nameOf(config);
      if (name && typeof callback === 'function') {
        return query({ name, text: config, values }, (err: unknown, res: unknown) => {
          if (err) renameIfStale(config, err);
          (callback as (err: unknown, res: unknown) => void)(err, res);
        });
      }
      if (name) {
        return (query({ name, text: config, values }) as Promise<unknown>).catch((err: unknown) => {
          renameIfStale(config, err);
          throw err;
        });
      }
    }
    return query(config, values, callback);
  };
}
