import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type LoggerOptions } from 'pino';
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

/**
 * Structured logs with a request id on every line. Only the method, the path (query strings
 * dropped) and the status are logged for a request: no headers, bodies, tokens or phone numbers.
 */
export function loggerParams(config: AppConfig, destination?: DestinationStream): Params {
  const base = baseLoggerOptions(config.logLevel, destination ? false : undefined);
  const options: Params['pinoHttp'] = {
    ...base,
    genReqId: (req: IncomingMessage, res) => {
      const id = requestIdFor(req);
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      ...base.serializers,
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'res.headers', '*.authorization', '*.token', '*.access_token', '*.session_key', '*.phone'], remove: true },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/v1/health' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  };
  // A destination (tests capture the log) replaces stdout. Otherwise lines go to stdout without
  // blocking the request: written asynchronously, the lines logged while a write is under way joined
  // into the next one (flushed when the process exits; a kill -9 may lose the last lines).
  const stream = destination ?? (base.transport ? undefined : pino.destination({ dest: 1, sync: false }));
  return { pinoHttp: stream ? [options as object, stream] : options } as Params;
}
