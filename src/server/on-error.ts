/**
 * Every error leaves the service as `{error: {code, message, issues}}` with the status of its
 * AnonymatError code. Unexpected errors become `internal` (500) with a generic message; their
 * class and stack go to the log (never a record value: our own messages carry none, and the log
 * line keeps only the error class and the first stack frames).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AnonymatError, type ErrorCode, type Issue } from '../errors.ts';

export interface ErrorBody { error: { code: ErrorCode; message: string; issues: Issue[] } }

export function errorBody(code: ErrorCode, message: string, issues: Issue[] = []): ErrorBody {
  return { error: { code, message, issues } };
}

export function toResponse(c: Context, e: unknown, log: (line: string) => void): Response {
  if (e instanceof AnonymatError) {
    return c.json(errorBody(e.code, e.message, e.issues), e.httpStatus as 400);
  }
  if (e instanceof HTTPException) {
    const status = e.status;
    const code: ErrorCode = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not-found'
      : status === 429 ? 'rate-limited' : status < 500 ? 'invalid-input' : 'internal';
    return c.json(errorBody(code, e.message || 'request refused'), status);
  }
  const err = e as Error;
  const frames = (err?.stack ?? '').split('\n').slice(1, 4).map((s) => s.trim()).join(' | ');
  log(`error internal ${err?.name ?? 'Error'} at ${frames}`);
  return c.json(errorBody('internal', 'internal error; the service log has the error class and location'), 500);
}
