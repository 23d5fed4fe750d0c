import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP load balancer for the local cluster when nginx is not installed: round robin over the
 * instances, with passive health checks (an instance whose connection fails is skipped for a while)
 * and nginx's retry rule — a request goes to the next instance only if it cannot have been acted on:
 * any request whose connection was refused (it never reached the instance), and idempotent requests
 * (GET, HEAD, OPTIONS) that failed before an answer began. A POST that may have reached an instance
 * that then died is answered 502, never sent twice: the client decides whether to try again.
 */
export interface BalancerOptions {
  backends: string[];
  port?: number;
  host?: string;
  /** How long an instance that failed a connection is skipped (default 2 s). */
  downMs?: number;
  /** Largest request body passed on (bodies are buffered so that a refused connection can be retried). */
  maxBodyBytes?: number;
}

export interface BalancerHandle {
  url: string;
  port: number;
  /** Requests passed to each backend (index as in `backends`), and the retries made. */
  stats(): { perBackend: number[]; retries: number; failed: number };
  close(): Promise<void>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Hop-by-hop headers (RFC 9110 §7.6.1) are not forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'];

class UpstreamFailure extends Error {
  constructor(
    readonly refused: boolean,
    cause: Error,
  ) {
    super(cause.message, { cause });
  }
}

export async function startBalancer(opts: BalancerOptions): Promise<BalancerHandle> {
  const backends = opts.backends.map((b) => new URL(b));
  const downUntil = backends.map(() => 0);
  const perBackend = backends.map(() => 0);
  let retries = 0;
  let failed = 0;
  let next = 0;
  const downMs = opts.downMs ?? 2000;
  const maxBody = opts.maxBodyBytes ?? 8 * 1024 * 1024;
  // Idle connections to the instances are dropped after 3 s, well before an instance closes them
  // (main.ts keeps them 65 s): a request is never sent on a connection the instance is closing.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 1000, timeout: 3000 });

  /** The next instance in turn that is not marked down (all down: the next in turn anyway). */
  const pick = (tried: Set<number>): number | null => {
    const now = Date.now();
    for (let i = 0; i < backends.length; i++) {
      const idx = (next + i) % backends.length;
      if (!tried.has(idx) && downUntil[idx] <= now) {
        next = (idx + 1) % backends.length;
        return idx;
      }
    }
    for (let i = 0; i < backends.length; i++) {
      const idx = (next + i) % backends.length;
      if (!tried.has(idx)) return idx;
    }
    return null;
  };

  const forward = (idx: number, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> =>
    new Promise((resolve, reject) => {
      const target = backends[idx];
      const headers: http.OutgoingHttpHeaders = { ...req.headers };
      for (const h of HOP_BY_HOP) delete headers[h];
      const client = req.socket.remoteAddress ?? '';
      headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${client}` : client;
      headers['x-forwarded-proto'] = 'http';
      headers['x-forwarded-host'] = req.headers.host ?? '';
      headers['content-length'] = String(body.length);
      let connected = false;
      const up = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (upRes) => {
          const out: http.OutgoingHttpHeaders = { ...upRes.headers };
          for (const h of HOP_BY_HOP) delete out[h];
          res.writeHead(upRes.statusCode ?? 502, out);
          upRes.pipe(res);
          upRes.on('end', resolve);
          // The instance died mid-answer: nothing to retry, the client sees a cut response.
          upRes.on('error', () => {
            res.destroy();
            resolve();
          });
        },
      );
      up.on('socket', (socket) => {
        if (!socket.connecting) connected = true; // a kept-alive socket: the connection exists
        else socket.once('connect', () => (connected = true));
      });
      up.on('error', (err: NodeJS.ErrnoException) => reject(new UpstreamFailure(!connected || err.code === 'ECONNREFUSED', err)));
      up.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > maxBody) {
        res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        res.end(JSON.stringify({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求体太大' }));
        return;
      }
      chunks.push(c);
    }
    const body = Buffer.concat(chunks);
    const tried = new Set<number>();
    for (;;) {
      const idx = pick(tried);
      if (idx === null) break;
      tried.add(idx);
      perBackend[idx]++;
      try {
        await forward(idx, req, body, res);
        return;
      } catch (err) {
        if (!(err instanceof UpstreamFailure)) throw err;
        downUntil[idx] = Date.now() + downMs;
        if (res.headersSent) return;
        if (!err.refused && !IDEMPOTENT.has(req.method ?? '')) break;
        retries++;
      }
    }
    failed++;
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ statusCode: 502, code: 'INTERNAL_ERROR', message: '服务暂时不可用，请稍后再试' }));
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ perBackend: [...perBackend], retries, failed }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
