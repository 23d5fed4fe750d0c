import type { FastifyInstance } from 'fastify';
import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type LoggerOptions, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/config.js';

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,64}$/;

/** `invalid input syntax for type uuid: "…"`, `Key (phone)=(…)`: database messages that quote a value. */
const QUOTED_VALUE = /(: )"[^]*"$|(=)\([^]*?\)/g;

/**
 * The one way an error reaches the log. A database error is logged with its message (values masked),
 * SQLSTATE, constraint and stack, never its statement parameters, query text, detail line or cause:
 * those hold the personal data (phone, birthday, bind code) the statement carried.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  const driver = (err as { driverError?: unknown }).driverError as Record<string, unknown> | undefined;
  const sqlState = (driver?.code ?? (err as { code?: unknown }).code) as unknown;
  const isDbError = 'parameters' in err || 'query' in err || driver !== undefined || typeof (err as { routine?: unknown }).routine === 'string';
  if (!isDbError) return out;
  const mask = (text: string) => text.replace(QUOTED_VALUE, (_m, colon: string | undefined, eq: string | undefined) => (colon ? `${colon}"…"` : `${eq}(…)`));
  const message = mask(err.message);
  const safe: Record<string, unknown> = {
    type: out.type,
    message,
    stack: typeof err.stack === 'string' ? [`${err.name}: ${message}`, ...err.stack.split('\n').filter((l) => /^\s+at /.test(l))].join('\n') : undefined,
  };
  if (typeof sqlState === 'string') safe.code = sqlState;
  for (const key of ['constraint', 'table', 'column', 'routine'] as const) {
    const v = driver?.[key] ?? (err as unknown as Record<string, unknown>)[key];
    if (typeof v === 'string') safe[key] = v;
  }
  return safe;
}

/**
 * Options shared by the request logger and the boot logger: JSON lines, errors through
 * {@link loggableError}; readable coloured lines instead when stdout is a terminal.
 */
export function baseLoggerOptions(level: string, pretty = Boolean(process.stdout.isTTY)): LoggerOptions {
  return {
    level,
    serializers: { err: loggableError },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: false } } }
      : {}),
  };
}

/** The logger main.ts uses before the application (and its request logger) exist. */
export const createBootLogger = (level: string) => pino({ ...baseLoggerOptions(level), base: { context: 'Boot' } });

/** A request's id: the caller's `x-request-id` when it looks like one, else a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
}

/** Fields never logged, at the top of a logged object or one level down. */
const SECRET_FIELDS = ['authorization', 'token', 'access_token', 'session_key', 'phone'];

/** Requests not worth a line: the load balancer's liveness probe. */
const UNLOGGED_PATHS = new Set(['/api/v1/health']);

/** The application's logger, and the request log's (see {@link logRequests}), on one destination. */
export interface AppLoggers {
  app: PinoLogger;
  requests: PinoLogger;
}

/**
 * The application's pino logger: JSON lines, errors through {@link loggableError}, and the fields
 * that could carry a secret or a phone number removed (at the top of a logged object and one level
 * down). A destination (tests capture the log) replaces stdout; otherwise lines go to stdout without
 * blocking a request: written asynchronously, the lines logged while a write is under way joined into
 * the next one (flushed when the process exits; a kill -9 may lose the last lines). The request log
 * shares the destination.
 */
export function createAppLoggers(config: AppConfig, destination?: DestinationStream): AppLoggers {
  const { transport, ...options } = baseLoggerOptions(config.logLevel, destination ? false : undefined);
  const stream: DestinationStream = destination ?? (transport ? pino.transport(transport) : pino.destination({ dest: 1, sync: false }));
  return {
    app: pino({ ...options, redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), remove: true } }, stream),
    // Without the redaction: its lines hold only the fields logRequests writes, and searching each
    // line for secrets cost a tenth of a public read's CPU.
    requests: pino({ level: config.logLevel }, stream),
  };
}

/**
 * nestjs-pino serves that logger to Nest and to every service's `Logger`. Its per-request middleware
 * (pino-http run through Express-style middleware, a child logger and an AsyncLocalStorage scope per
 * request) is not mounted: it was a quarter of a public read's CPU. Requests are logged by
 * {@link logRequests} instead, and an error's line names its request id itself (error.filter.ts).
 */
export function loggerParams(logger: PinoLogger): Params {
  return { pinoHttp: { logger }, forRoutes: [] };
}

/**
 * One line per answered request, as pino-http wrote it: the request id, the method, the path (query
 * strings dropped: they can hold search terms) and the status, at `warn` for a 4xx and `error` for a
 * 5xx, with the time taken. No headers, bodies, tokens or phone numbers.
 */
export function logRequests(fastify: FastifyInstance, logger: PinoLogger): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    const path = req.url.split('?', 1)[0];
    if (!UNLOGGED_PATHS.has(path)) {
      const status = reply.statusCode;
      const line = { req: { id: req.id, method: req.method, path }, res: { statusCode: status }, responseTime: Math.round(reply.elapsedTime) };
      if (status >= 500) logger.error(line, 'request errored');
      else if (status >= 400) logger.warn(line, 'request completed');
      else logger.info(line, 'request completed');
    }
    done();
  });
}
