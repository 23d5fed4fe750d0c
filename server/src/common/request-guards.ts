import { ErrorCode } from '@xianfeng/shared';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppError } from './app-error.js';

/** Deeper JSON than this is refused before routing (no request of the contract nests past 5). */
export const MAX_JSON_DEPTH = 32;

const refuse = (message: string, field: string) =>
  new AppError(400, ErrorCode.VALIDATION_FAILED, message, [{ field, message }]);

/** The first problem in a parsed body or query: a NUL character (PostgreSQL cannot store one) or nesting past the limit. */
function findUnsafe(root: unknown, where: string): AppError | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: where, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return refuse('文本中不能包含 NUL 字符', path);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return refuse(`嵌套层数不能超过 ${MAX_JSON_DEPTH}`, path);
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return refuse('字段名中不能包含 NUL 字符', path);
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Fastify `preValidation` hook, once the body is parsed and before the route's handler: refuses
 * (400, the contract's error body) a NUL character anywhere in the path, query or body, and JSON
 * nested past {@link MAX_JSON_DEPTH}, so no route, DTO or query ever sees them.
 */
export function rejectUnsafeInput(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (/%00/i.test(req.url) || req.url.includes('\u0000')) return done(refuse('请求中不能包含 NUL 字符', 'url'));
  const problem = findUnsafe(req.query, 'query') ?? findUnsafe(req.body, 'body');
  if (problem) done(problem);
  else done();
}
