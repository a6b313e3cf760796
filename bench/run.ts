/**
 * `npm run bench`: every benchmark, each printed beside a baseline measured in the same run.
 * Select some with `npm run bench -- risk dp`. Nothing here is timed in CI.
 */
import { existsSync } from 'node:fs';

const all = ['risk', 'anonymize', 'dp', 'text', 'io'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? wanted : all;
console.log(`anonymat benchmarks · node ${process.version} · ${new Date().toISOString()}`);
for (const name of chosen) {
  const url = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(url)) { console.log(`\n(bench/${name}.ts not present: skipped)`); continue; }
  const mod = (await import(url.href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') { console.log(`\n(bench/${name}.ts has no run(): skipped)`); continue; }
  console.log(`\n# ${name}`);
  try { await mod.run(); } catch (e) { console.log(`bench ${name} failed: ${(e as Error).stack ?? e}`); process.exitCode = 1; }
}
