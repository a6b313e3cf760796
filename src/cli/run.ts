/**
 * Shared plumbing for CLI commands: one wrapper that turns an async action into an exit code,
 * printing AnonymatError issues (never record values) on stderr.
 */
import pc from 'picocolors';
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { AnonymatError } from '../errors.ts';
import { withoutKeyArguments } from '../pseudonymize/key.ts';

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

/**
 * Prints an error on stderr and returns the exit code it maps to. What may be key material — 32 hex characters or more, 40
 * base64 characters — is not printed: a key given where a path is expected (the input, --policy, --rekey) is echoed by the
 * message that says the path cannot be read.
 */
export function reportError(e: unknown): number {
  if (e instanceof AnonymatError) {
    process.stderr.write(`${pc.red('error')}: ${withoutKeyArguments(e.format(), process.argv.slice(2))}\n`);
    return e.exitCode;
  }
  const sys = systemError(e);
  if (sys !== null) {
    process.stderr.write(`${pc.red('error')}: ${withoutKeyArguments(sys, process.argv.slice(2))}\n`);
    return 2;
  }
  // (an internal error's message may quote a value of the data, as a database's conversion errors do: quoted text is
  // masked; the stack's frames name code only)
  const err = e as Error;
  const message = withoutKeyArguments(String(err?.message ?? e).replace(/"[^"\n]*"|'[^'\n]*'/g, '"…"'), process.argv.slice(2));
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
  EFBIG: 'the file is larger than the file system or the limit on file sizes allows (ulimit -f): write elsewhere, or raise the limit',
  EIO: 'the device failed to read or write (input/output error): check the disk or the network share, or write elsewhere',
  EDQUOT: 'the disk quota is exceeded: free some space, or write elsewhere',
  EMFILE: 'too many open files: raise the limit (ulimit -n) or pass fewer inputs at once',
  ENAMETOOLONG: 'the file name (or the path) is longer than the file system allows: choose a shorter name',
};

/** What an error of the file system means and what to do ("no space left on the device: …"); null for other errors. */
export function systemReason(e: unknown): string | null {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && code in SYSTEM_REASONS ? SYSTEM_REASONS[code]! : null;
}

/**
 * The output a temporary file stands for (outputs are written to `.<name>.<pid>.<hex>.tmp` beside them, then renamed):
 * the user gave `out.csv`, not `.out.csv.14935.cf6ac894.tmp`.
 */
function outputOfTemporary(path: string): string {
  // (with the output's extension after it too, ".out.csv.14935.cf6ac894.tmp.csv", as several outputs written together are)
  const m = /^(.*?)\.([^/\\]+)\.\d+\.[0-9a-f]{8}\.tmp(?:\.[^./\\]+)?$/.exec(path);
  return m && (m[1] === '' || m[1]!.endsWith('/') || m[1]!.endsWith('\\')) ? outputOfTemporary(`${m[1]}${m[2]}`) : path;
}

/** A clear line for an error of the file system (no stack): what failed, on which path, and what to do; null for other errors. */
export function systemError(e: unknown): string | null {
  const x = e as { code?: unknown; syscall?: unknown; path?: unknown; dest?: unknown };
  const reason = systemReason(e);
  if (reason === null || typeof x.syscall !== 'string') return null;
  const where = typeof x.path === 'string' ? ` ${outputOfTemporary(x.path)}${typeof x.dest === 'string' ? ` → ${outputOfTemporary(x.dest)}` : ''}` : '';
  return `cannot ${x.syscall}${where}: ${reason}`;
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

/**
 * Refuses outputs that would overwrite an input, a key or another output ("-o same.csv" destroyed the original; "-o
 * key.hex" the only key): paths are compared after resolving symbolic links and "..", those not yet written through
 * their folder. Standard input and output ("-") and devices are never compared.
 */
export function refuseOverwrites(outputs: [flag: string, path: string | undefined][], inputs: [flag: string, path: string | undefined][]): void {
  const seen = new Map<string, string>();
  for (const [flag, p] of inputs) { const k = canonicalPath(p); if (k !== null && !seen.has(k)) seen.set(k, `${flag} ${p}`); }
  const written = new Map<string, string>();
  for (const [flag, p] of outputs) {
    const k = canonicalPath(p);
    if (k === null) continue;
    if (statSync(k, { throwIfNoEntry: false })?.isDirectory()) {
      throw new AnonymatError('invalid-usage', `${flag} ${p} is a folder`, [{ path: flag, message: 'give the path of a file' }]);
    }
    const first = written.get(k);
    if (first !== undefined) {
      // (two inputs of one name into one folder — redact's -o — or two options naming one file: -o and --correspondence)
      throw new AnonymatError('invalid-usage', `${flag} ${p}: two outputs would be this one file`, [{ path: flag, message: first === flag
        ? 'inputs of the same name go to one folder: redact them into separate folders, or rename one'
        : `${first} names it too: give each output a path of its own` }]);
    }
    const other = seen.get(k);
    if (other !== undefined) {
      throw new AnonymatError('invalid-usage', `${flag} ${p} is the same file as ${other}: it would be overwritten`, [{ path: flag, message: 'choose another output path' }]);
    }
    seen.set(k, `${flag} ${p}`);
    written.set(k, flag);
  }
}

function canonicalPath(p: string | undefined): string | null {
  if (p === undefined || p === '-' || p.startsWith('/dev/')) return null;
  try { return realpathSync(p); } catch { /* not written yet */ }
  try { return join(realpathSync(dirname(resolve(p))), basename(p)); } catch { return resolve(p); }
}

/** Refuses an output folder that is an input or holds one (`ingest data/ -o data/ --overwrite` would replace the data). */
export function refuseOutputHoldingInputs(folder: string, inputs: string[]): void {
  const out = canonicalPath(folder);
  if (out === null) return;
  for (const i of inputs) {
    const k = canonicalPath(i);
    if (k !== null && (k === out || k.startsWith(out + sep))) {
      throw new AnonymatError('invalid-usage', `-o ${folder} is or holds the input ${i}: writing it would replace the input`, [{ path: '-o', message: 'choose an output folder outside the inputs' }]);
    }
  }
}
