import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const bin = fileURLToPath(new URL('../../bin/anonymat.js', import.meta.url));
export const shared = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const hasShared = existsSync(shared);

export interface RunResult { code: number; stdout: string; stderr: string }

/** Runs the CLI as a user would (the bin script), optionally feeding stdin. */
export function runCli(args: string[], o: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: o.cwd ?? repo, env: { ...process.env, ...o.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(o.stdin ?? '');
  });
}
