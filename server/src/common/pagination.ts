import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { badRequest } from './app-error.js';
import { Optional } from './validation.js';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque cursor from the previous page' })
  @Optional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** Keyset cursors: the sort key of the last row of a page, base64url-encoded. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each position of a cursor key holds; checked so a forged cursor is a 400, never a SQL error. */
export type CursorPart = 'text' | 'int' | 'uuid' | 'timestamp';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;
/** PostgreSQL `integer`: every int a cursor carries is bound to one. */
const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

/** A real instant: the shape alone would let `9999-99-99T99:99:99.999999Z` reach the database. */
function isTimestamp(v: unknown): boolean {
  const m = typeof v === 'string' ? TIMESTAMP_RE.exec(v) : null;
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === s;
}

const PART_OK: Record<CursorPart, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 200 && !v.includes('\u0000'),
  int: (v) => Number.isInteger(v) && (v as number) >= INT4_MIN && (v as number) <= INT4_MAX,
  uuid: (v) => typeof v === 'string' && UUID_RE.test(v),
  timestamp: isTimestamp,
};

/**
 * SQL for a timestamptz column as a cursor value: to the microsecond, in UTC. (A JS Date keeps only
 * milliseconds; a cursor cut to milliseconds would skip rows created within the same millisecond.)
 */
export const cursorTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, parts: CursorPart[]): T | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts.length && key.every((v, i) => PART_OK[parts[i]](v))) return key as T;
  } catch {
    /* fall through */
  }
  throw badRequest('cursor 无效', [{ field: 'cursor', message: 'cursor 无效或已过期' }]);
}

/** Fetch `limit + 1` rows; the extra one says whether another page exists. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => unknown[]) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: more ? encodeCursor(key(pageRows[pageRows.length - 1])) : null,
  };
}
