import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../test/cli/helpers.ts';
import { seededRng } from '../../util/rng.ts';

const policy = `columns:
  patient: { role: person-key }
  age band: { role: quasi }
  sex: { role: quasi }
  region: { role: quasi }
  code: { role: sensitive }
thresholds: { k: 5 }
`;

/** Low-cardinality quasi-identifiers, a 50-value secret, independent; optionally a person key. */
function csv(n: number, seed: number, withKey: boolean): string {
  const rng = seededRng(seed);
  const bands = ['18-34', '35-49', '50-64', '65-79', '80+'], regions = ['north', 'south', 'east', 'west'];
  const lines = [(withKey ? 'patient,' : '') + 'age band,sex,region,code'];
  for (let i = 0; i < n; i++) {
    lines.push((withKey ? `P${seed}-${i},` : '') + `${bands[rng.int(5)]},${rng.int(2) ? 'F' : 'M'},${regions[rng.int(4)]},C${rng.int(50)}`);
  }
  return lines.join('\n') + '\n';
}

test('verdict CLI: anonymous → exit 0; the originals with their person key → exit 3 with reasons; JSON fields; loud no-control warning', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-verdict-'));
  try {
    await writeFile(join(dir, 'p.yaml'), policy);
    await writeFile(join(dir, 'orig.csv'), csv(2500, 1, true));
    await writeFile(join(dir, 'ctrl.csv'), csv(2500, 2, true));
    await writeFile(join(dir, 'synthetic.csv'), csv(2500, 3, false));
    const ok = await runCli(['verdict', join(dir, 'orig.csv'), join(dir, 'synthetic.csv'), '--control', join(dir, 'ctrl.csv'), '--policy', join(dir, 'p.yaml'), '--json', '--seed', '1']);
    assert.equal(ok.code, 0, ok.stderr + ok.stdout.slice(0, 2000));
    const j = JSON.parse(ok.stdout);
    assert.equal(j.verdict.anonymous, true);
    assert.deepEqual(j.verdict.reasons, []);
    for (const k of ['singlingOut', 'linkability', 'inference']) {
      for (const f of ['risk', 'ci', 'attackRate', 'controlRate', 'attacks']) assert.ok(f in j.attacks[k], `${k}.${f}`);
      assert.equal(j.attacks[k].ci.length, 2);
    }
    assert.equal(j.linkage.reidentified, null);
    assert.equal(j.linkage.rate, null);
    assert.ok(!/NO CONTROL SET/.test(ok.stderr));

    const bad = await runCli(['verdict', join(dir, 'orig.csv'), join(dir, 'orig.csv'), '--policy', join(dir, 'p.yaml'), '--seed', '1', '--attacks', '300']);
    assert.equal(bad.code, 3, bad.stderr);
    assert.match(bad.stdout, /pseudonymous: personal data/);
    assert.match(bad.stdout, /"patient" is the policy's person key/);
    assert.match(bad.stderr, /WARNING.*NO CONTROL SET/);
    // no record value in the output
    assert.ok(!/P1-\d/.test(bad.stdout + bad.stderr));

    const usage = await runCli(['verdict', join(dir, 'orig.csv'), join(dir, 'synthetic.csv')]);
    assert.equal(usage.code, 2);
    const help = await runCli(['verdict', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Examples:/);
    const badAttacks = await runCli(['verdict', join(dir, 'orig.csv'), join(dir, 'synthetic.csv'), '--policy', join(dir, 'p.yaml'), '--attacks', 'x']);
    assert.equal(badAttacks.code, 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('verdict CLI: same seed, byte-identical JSON apart from timings', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-verdict-'));
  try {
    await writeFile(join(dir, 'p.yaml'), policy);
    await writeFile(join(dir, 'orig.csv'), csv(800, 4, false));
    await writeFile(join(dir, 'ctrl.csv'), csv(800, 5, false));
    const args = ['verdict', join(dir, 'orig.csv'), join(dir, 'orig.csv'), '--control', join(dir, 'ctrl.csv'), '--policy', join(dir, 'p.yaml'), '--json', '--seed', '9', '--attacks', '200', '-o', join(dir, 'r.json')];
    const a = await runCli(args), b = await runCli(args);
    const strip = (s: string) => { const j = JSON.parse(s); delete j.seconds; delete j.timings; return JSON.stringify(j); };
    assert.equal(strip(a.stdout), strip(b.stdout));
    assert.equal(strip(await readFile(join(dir, 'r.json'), 'utf8')), strip(b.stdout));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('verdict CLI: a policy naming a column the original lacks (a misspelt quasi-identifier) is an error naming it, exit 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-verdict-'));
  try {
    await writeFile(join(dir, 'p.yaml'), policy.replace('  sex: { role: quasi }', '  sexe: { role: quasi }'));
    await writeFile(join(dir, 'orig.csv'), csv(300, 1, true));
    const r = await runCli(['verdict', join(dir, 'orig.csv'), join(dir, 'orig.csv'), '--policy', join(dir, 'p.yaml'), '--seed', '1']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /columns\.sexe/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('verdict CLI: the level of the bound is the policy\'s (attacks.confidence 0.99 printed as 99 %); under 95 % it is refused, exit 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-verdict-'));
  try {
    await writeFile(join(dir, 'orig.csv'), csv(400, 1, false));
    await writeFile(join(dir, 'ctrl.csv'), csv(400, 2, false));
    const run = async (confidence: number) => {
      await writeFile(join(dir, 'p.yaml'), `${policy}attacks: { confidence: ${confidence} }\n`);
      return runCli(['verdict', join(dir, 'orig.csv'), join(dir, 'orig.csv'), '--control', join(dir, 'ctrl.csv'), '--policy', join(dir, 'p.yaml'), '--seed', '1', '--attacks', '200', '--no-progress']);
    };
    const high = await run(0.99);
    assert.equal(high.code, 3, high.stderr);
    assert.match(high.stdout, /on every upper 99 % bound/);
    assert.doesNotMatch(high.stdout, /95 %/);
    const low = await run(0.5);
    assert.equal(low.code, 2, low.stderr + low.stdout);
    assert.match(low.stderr, /attacks\.confidence/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});
