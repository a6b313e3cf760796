/**
 * Shared plumbing for CLI commands: one wrapper that turns an async action into an exit code,
 * printing AnonymatError issues (never record values) on stderr.
 */
import pc from 'picocolors';
import { AnonymatError } from '../errors.ts';

export type Action<A extends unknown[]> = (...args: A) => Promise<number | void>;

/** Wraps a command action: sets process.exitCode from the result or the error. */
export function action<A extends unknown[]>(fn: Action<A>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (e) {
      process.exitCode = reportError(e);
    }
  };
}

/** Prints an error on stderr and returns the exit code it maps to. */
export function reportError(e: unknown): number {
  if (e instanceof AnonymatError) {
    process.stderr.write(`${pc.red('error')}: ${e.format()}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`${pc.red('internal error')}: ${err?.stack ?? String(e)}\n`);
  return 1;
}

/** Writes a JSON document to stdout (stable 2-space formatting, trailing newline). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Parses a number option, failing with exit 2 and the option name. */
export function numberOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new AnonymatError('invalid-usage', `--${name} expects a number`);
  return n;
}
