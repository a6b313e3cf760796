import type { Command } from 'commander';
import { action, numberOption, printJson } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

interface VerdictOptions {
  policy?: string; control?: string; aux?: string; previousRelease?: string; json?: boolean; seed?: string; attacks?: string;
  truth?: string; delimiter?: string; encoding?: string; output?: string;
}

/** `anonymat verdict <original> <release>`: attacks the release and says whether it is anonymous (docs/verdict.md). */
export function register(program: Command): void {
  program.command('verdict')
    .description('Attack a release (singling out, linkability, inference, linkage, cross-release keys) and say whether it is anonymous or pseudonymous personal data')
    .argument('<original>', 'the original records that are in the release (CSV/TSV, Parquet, JSON Lines)')
    .argument('<release>', 'the released file (possibly generalized: [30-40[, 750**, {a,b}, *)')
    .requiredOption('-p, --policy <file>', 'policy file (roles, thresholds, attacks section); see docs/policy.md and docs/verdict.md')
    .option('--control <file>', 'original records of the same population held OUT of the release (strongly recommended)')
    .option('--aux <file>', 'auxiliary table with identities (population register, electoral roll, leaked file) for the linkage attack')
    .option('--previous-release <file>', 'an earlier release, to detect keys that link records across releases')
    .option('--truth <release:aux>', 'ground-truth person id columns (release column:aux column), used only to score linkage correctness')
    .option('--seed <n>', 'seed of every random choice (default: attacks.seed or 0)')
    .option('--attacks <n>', 'attacks per evaluation (default: attacks.attacks or 2000, sampled with the seed)')
    .option('--delimiter <char>', 'CSV delimiter of every file (overrides the policy)')
    .option('--encoding <enc>', 'utf-8 or latin-1 (overrides the policy)')
    .option('-o, --output <file>', 'also write the JSON report to this file (atomically)')
    .option('--json', 'print the report as JSON (docs/verdict.md)')
    .addHelpText('after', `
Examples:
  anonymat verdict extract.csv release.csv --control heldout.csv --policy policy.yaml
  anonymat verdict extract.csv release.csv --control heldout.csv --aux register.csv \\
      --truth person_id:person_id --previous-release release-2025.csv --policy policy.yaml --json

"anonymous" only when no direct identifier and no persistent linkable key remain, the policy's formal
thresholds hold on the release, and every attack's upper 95 % bound is at or under the limit
(thresholds.maxAttackRisk, default 0.05). Otherwise "pseudonymous: personal data", with each failed
criterion and its figure. Without --control the risks are measured against a random baseline only
(a loud warning says so).

Exit codes: 0 anonymous · 2 invalid input or policy · 3 pseudonymous (personal data).
Cost: ${'~'}2,000 attacks per criterion by default (configurable); a few seconds on 50,000 rows.`)
    .action(action(async (originalPath: string, releasePath: string, opts: VerdictOptions) => {
      const { readTable } = await import('../../io/read.ts');
      const { loadPolicy, readOptionsOf } = await import('../../policy/policy.ts');
      const { proveAnonymity, verdictSummary } = await import('../../attack/index.ts');
      const policy = await loadPolicy(opts.policy!);
      const seed = numberOption('seed', opts.seed);
      const attacks = numberOption('attacks', opts.attacks);
      if (attacks !== undefined && !(Number.isInteger(attacks) && attacks >= 1)) throw new AnonymatError('invalid-usage', '--attacks expects a positive integer');
      let truth: { release: string; aux: string } | undefined;
      if (opts.truth) {
        const [r, a] = opts.truth.split(':');
        if (!r || !a) throw new AnonymatError('invalid-usage', '--truth expects <release column>:<aux column>');
        truth = { release: r, aux: a };
      }
      const overrides = { ...(opts.delimiter ? { delimiter: opts.delimiter } : {}), ...(opts.encoding ? { encoding: opts.encoding as 'utf-8' | 'latin-1' } : {}) };
      const base = readOptionsOf(policy, overrides);
      const allTypes = base.types ?? {};
      const stringTypes = Object.fromEntries(Object.entries(allTypes).filter(([, k]) => k === 'string'));
      // declared types apply to raw files; released files may hold generalized labels, so only text types apply there
      const read = async (path: string, types: Record<string, string>) => {
        const header = await headerOf(path, base.delimiter, base.encoding);
        const t = header ? Object.fromEntries(Object.entries(types).filter(([n]) => header.includes(n))) : {};
        return readTable(path, { ...base, types: t as never });
      };
      const original = await read(originalPath, allTypes);
      const release = await read(releasePath, stringTypes);
      const control = opts.control ? await read(opts.control, allTypes) : undefined;
      const aux = opts.aux ? await read(opts.aux, stringTypes) : undefined;
      const previousRelease = opts.previousRelease ? await read(opts.previousRelease, stringTypes) : undefined;
      // the policy's hierarchies (ARX files or builders) let the attacks read word labels such as ordered groups
      const hierarchies: { column: string; levels: readonly (readonly string[])[] }[] = [];
      const withHierarchy = Object.entries(policy.columns).filter(([n, c]) => c.hierarchy !== undefined && original.columns.some((x) => x.name === n)).map(([n]) => n);
      if (withHierarchy.length) {
        const { resolveHierarchies } = await import('../../release/anonymize.ts');
        for (const name of withHierarchy) {
          try {
            hierarchies.push(...(await resolveHierarchies(original, policy, [name])));
          } catch {
            process.stderr.write(`warning: the hierarchy of column ${name} could not be built; its released labels are read by their form only\n`);
          }
        }
      }
      const report = await proveAnonymity({
        original, release, policy, hierarchies,
        ...(control ? { control } : {}), ...(aux ? { aux } : {}), ...(previousRelease ? { previousRelease } : {}),
        ...(seed !== undefined ? { seed } : {}), ...(attacks !== undefined ? { attacks } : {}), ...(truth ? { truth } : {}),
      });
      const pc = (await import('picocolors')).default;
      for (const w of report.warnings) {
        process.stderr.write(w.startsWith('NO CONTROL SET') ? `${pc.bold(pc.yellow('WARNING'))}: ${pc.yellow(w)}\n` : `${pc.yellow('warning')}: ${w}\n`);
      }
      if (opts.output) {
        const { writeFileAtomic } = await import('../../io/write.ts');
        await writeFileAtomic(opts.output, JSON.stringify(report, null, 2) + '\n');
      }
      if (opts.json) printJson(report);
      else {
        const out: string[] = [];
        out.push(report.verdict.anonymous ? pc.green(pc.bold('anonymous')) : pc.red(pc.bold('pseudonymous: personal data')));
        for (const r of report.verdict.reasons) out.push(`  - ${r}`);
        out.push('', ...verdictSummary(report).map((l) => '  ' + l));
        out.push('', `  limit ${report.verdict.limit} on every upper 95 % bound · seed ${report.parameters.seed} · ${report.parameters.attacks} attacks per criterion · ${report.seconds} s`);
        process.stdout.write(out.join('\n') + '\n');
      }
      return report.verdict.anonymous ? 0 : 3;
    }));
}

/** Column names of a CSV/TSV header (null for other formats: every declared type is kept). */
async function headerOf(path: string, delimiter?: string, encoding?: string): Promise<string[] | null> {
  const lower = path.toLowerCase();
  const isTsv = lower.endsWith('.tsv');
  if (path === '-' || !(lower.endsWith('.csv') || isTsv)) return null;
  const { open } = await import('node:fs/promises');
  const { parse } = await import('csv-parse/sync');
  let fh;
  try { fh = await open(path, 'r'); } catch { return null; }
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let text = buf.subarray(0, bytesRead).toString(encoding === 'latin-1' ? 'latin1' : 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const firstLine = text.split(/\r?\n/)[0] ?? '';
    const rows = parse(firstLine, { delimiter: delimiter ?? (isTsv ? '\t' : ','), relax_quotes: true }) as string[][];
    return rows[0] ?? null;
  } catch { return null; } finally { await fh.close(); }
}
