/**
 * Starts a throwaway PostgreSQL server (initdb into a temporary folder, as in ecosystem.md §2) for
 * store tests. Returns null, with the reason, when the Debian binaries are absent, so tests can
 * skip with a clear message. Set ANONYMAT_TEST_DATABASE_URL to use an existing server instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayPg { url: string; stop(): Promise<void> }

function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions[versions.length - 1]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startThrowawayPg(): Promise<ThrowawayPg | { skip: string }> {
  if (process.env.ANONYMAT_TEST_DATABASE_URL) {
    return { url: process.env.ANONYMAT_TEST_DATABASE_URL, stop: async () => undefined };
  }
  const bin = pgBin();
  if (!bin) return { skip: 'PostgreSQL binaries absent (/usr/lib/postgresql/*/bin/postgres); run scripts/ci-system-deps.sh' };
  const asRoot = process.getuid?.() === 0;
  const runAs = (cmd: string, args: string[]) => asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) return { skip: 'no postgres system user to run initdb as root' };
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  else chownSync(dir, process.getuid!(), process.getgid!());
  const init = runAs(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  if (init.status !== 0) { rmSync(dir, { recursive: true, force: true }); return { skip: `initdb failed: ${init.stderr.slice(0, 300)}` }; }
  const port = await freePort();
  const start = runAs(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start']);
  if (start.status !== 0) { rmSync(dir, { recursive: true, force: true }); return { skip: `pg_ctl start failed: ${start.stderr.slice(0, 300)}` }; }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      runAs(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
