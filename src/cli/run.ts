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
  const sys = systemError(e);
  if (sys !== null) {
    process.stderr.write(`${pc.red('error')}: ${sys}\n`);
    return 2;
  }
  // (an internal error's message may quote a value of the data, as a database's conversion errors do: quoted text is
  // masked; the stack's frames name code only)
  const err = e as Error;
  const message = String(err?.message ?? e).replace(/"[^"\n]*"|'[^'\n]*'/g, '"…"');
  const frames = typeof err?.stack === 'string' ? err.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : '';
  process.stderr.write(`${pc.red('internal error')}: ${err?.name ?? 'Error'}: ${message}${frames ? '\n' + frames : ''}\n`);
  return 1;
}

const SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'permission denied: check the permissions, or choose another path',
  EPERM: 'operation not permitted: check the permissions, or choose another path',
  EEXIST: 'a file stands where a folder is needed: remove it, or choose another path',
  ENOTDIR: 'a part of the path is a file, not a folder: choose another path',
  ENOENT: 'no such file or folder: check the path',
  EISDIR: 'a folder stands where a file is needed: choose a file path',
  EROFS: 'the file system is read-only: choose another path',
  ENOSPC: 'no space left on the device: free some space, or write elsewhere',
  EDQUOT: 'the disk quota is exceeded: free some space, or write elsewhere',
  EMFILE: 'too many open files: raise the limit (ulimit -n) or pass fewer inputs at once',
};

/** A clear line for an error of the file system (no stack): what failed, on which path, and what to do; null for other errors. */
export function systemError(e: unknown): string | null {
  const x = e as { code?: unknown; syscall?: unknown; path?: unknown; dest?: unknown };
  if (typeof x?.code !== 'string' || !(x.code in SYSTEM_REASONS) || typeof x.syscall !== 'string') return null;
  const where = typeof x.path === 'string' ? ` ${x.path}${typeof x.dest === 'string' ? ` → ${x.dest}` : ''}` : '';
  return `cannot ${x.syscall}${where}: ${SYSTEM_REASONS[x.code]}`;
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
