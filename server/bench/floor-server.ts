/**
 * The bare floor for `pnpm bench floor`: node:http and a pg pool, nothing else. For each route it
 * replays the statements the product itself issued for that request (captured by floor.bench.ts —
 * the same SQL text and parameters, one after the other as the product runs them, as the same named
 * prepared statements where the product prepared them) and answers every row it read as JSON, as
 * the product answers with what it read. What the product adds on top of this is the API's own cost.
 * The rate limiter's count is replayed as the product makes it under load: up to as many counts of
 * a key at once as the product's limiter pool has connections, and the requests that arrive while
 * all are out share the next one, n points in one upsert — through the product's own batcher
 * (BatchesPerKey, as CountedTogether in src/common/throttle.ts uses it), so the floor does not queue
 * on the counter's row where the product does not, nor the other way round.
 *
 *   FLOOR_PLAN=<json file> DATABASE_URL=… PORT=… POOL_SIZE=20 node dist-bench/bench/floor-server.js
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import pg from 'pg';
import { BatchesPerKey } from '../src/common/batches-per-key.js';

interface Statement {
  name?: string;
  text: string;
  values: unknown[];
}

const plan = JSON.parse(readFileSync(process.env.FLOOR_PLAN!, 'utf8')) as Record<string, Statement[]>;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });

const RATE_LIMIT_STATEMENT = /^rate_limit:/;

interface Waiting {
  statement: Statement;
  done: (rows: unknown[]) => void;
  fail: (err: unknown) => void;
}
/** As many counts of one key on their way at once as the product allows (its limiter pool's size, RATE_LIMIT_POOL_SIZE). */
const COUNTS_IN_FLIGHT = Number(process.env.RATE_LIMIT_POOL_SIZE ?? 5);
/** The product's own per-key batching (CountedTogether): one upsert of n points per batch. */
const counts = new BatchesPerKey<Waiting>((key, batch) => {
  const s = batch[0]!.statement;
  return pool.query({ name: s.name, text: s.text, values: [key, Number(s.values[1]) * batch.length, ...s.values.slice(2)] }).then(
    (r) => batch.forEach((w) => w.done(r.rows)),
    (err: unknown) => batch.forEach((w) => w.fail(err)),
  );
}, COUNTS_IN_FLIGHT);

const countTogether = (statement: Statement): Promise<unknown[]> => new Promise((done, fail) => counts.add(String(statement.values[0]), { statement, done, fail }));

const server = createServer(async (req, res) => {
  const statements = plan[req.url ?? ''];
  if (!statements) {
    res.writeHead(404).end();
    return;
  }
  try {
    const results: unknown[][] = [];
    for (const s of statements) {
      if (s.name && RATE_LIMIT_STATEMENT.test(s.name)) results.push(await countTogether(s));
      else results.push((await pool.query(s.name ? s : { text: s.text, values: s.values })).rows);
    }
    const body = JSON.stringify({ results });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`floor listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
