import type { Command } from 'commander';
import { action, numberOption, printJson, refuseOverwrites } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

interface VerdictOptions {
  policy?: string; control?: string; aux?: string; previousRelease?: string; json?: boolean; seed?: string; attacks?: string;
  truth?: string; delimiter?: string; encoding?: string; output?: string; progress?: boolean;
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
    .option('--truth <release:aux>', 'with --aux: ground-truth person id columns (release column:aux column), used only to score linkage correctness; the release file must hold its column (anonymize leaves the person key out)')
    .option('--seed <n>', 'seed of every random choice (default: attacks.seed or 0)')
    .option('--attacks <n>', 'attacks per evaluation (default: attacks.attacks or 2000, sampled with the seed)')
    .option('--delimiter <char>', 'CSV delimiter of every file (overrides the policy)')
    .option('--encoding <enc>', 'utf-8 or latin-1 (overrides the policy)')
    .option('-o, --output <file>', 'also write the JSON report to this file (atomically); - prints it on stdout (the summary then goes to stderr)')
    .option('--json', 'print the report as JSON (docs/verdict.md)')
    .option('--no-progress', 'no progress bar on stderr (drawn on a terminal when the verdict runs longer than a second)')
    .addHelpText('after', `
Examples:
  anonymat verdict extract.csv release.csv --control heldout.csv --policy policy.yaml
  anonymat verdict extract.csv release.csv --control heldout.csv --aux register.csv \\
      --previous-release release-2025.csv --policy policy.yaml --json

"anonymous" only when no direct identifier and no persistent linkable key remain, the policy's formal
thresholds hold on the release, and every attack's upper 95 % bound is at or under the limit
(thresholds.maxAttackRisk, default 0.05; attacks.confidence may raise the level, never lower it).
Otherwise "pseudonymous: personal data", with each failed criterion and its figure. Without --control
the risks are measured against a random baseline only (a loud warning says so).

Exit codes: 0 anonymous · 2 invalid input, policy or options (checked before the data are read) ·
3 pseudonymous (personal data).
Cost: ${'~'}2,000 attacks per criterion by default (configurable); a few seconds on 50,000 rows.`)
    .action(action(async (originalPath: string, releasePath: string, opts: VerdictOptions) => {
      // (the report may not overwrite an input: "-o release.csv" replaced the release with its report)
      refuseOverwrites([['-o', opts.output]], [['original', originalPath], ['release', releasePath], ['--control', opts.control], ['--aux', opts.aux], ['--previous-release', opts.previousRelease], ['--policy', opts.policy]]);
      // (the options, before the policy and the data are read: --truth without --aux was ignored — it scores the links
      // of the linkage attack, which only --aux runs)
      const seed = numberOption('seed', opts.seed);
      const attacks = numberOption('attacks', opts.attacks);
      if (attacks !== undefined && !(Number.isInteger(attacks) && attacks >= 1)) throw new AnonymatError('invalid-usage', '--attacks expects a positive integer');
      let truth: { release: string; aux: string } | undefined;
      if (opts.truth !== undefined) {
        if (!opts.aux) throw new AnonymatError('invalid-usage', '--truth scores the links of the linkage attack, which needs --aux <auxiliary table>', [{ path: '--truth', message: 'add --aux, or leave --truth out' }]);
        const [r, a, ...more] = opts.truth.split(':');
        if (!r || !a || more.length) throw new AnonymatError('invalid-usage', '--truth expects <release column>:<aux column>');
        truth = { release: r, aux: a };
      }
      // (- is standard output, as for redact and pseudonymize — it made a file named "-"; the summary then goes to stderr)
      if (opts.output === '-' && opts.json) throw new AnonymatError('invalid-usage', '-o - and --json would both print the report on standard output', [{ path: '-o', message: 'give -o a file, or leave one of them out' }]);
      const { loadPolicy } = await import('../../policy/policy.ts');
      const { verdictSummary, confidenceLabel } = await import('../../attack/index.ts');
      const { verdictOfFiles } = await import('../../release/verdict.ts');
      const policy = await loadPolicy(opts.policy!);
      // (nor the files the policy reads: "--report hierarchy.csv" replaced a hierarchy with the report)
      refuseOverwrites([['-o', opts.output]], (await import('../../policy/policy.ts')).policyFiles(policy));
      const { progressBar } = await import('../progress.ts');
      const bar = await progressBar('verdict: steps', opts.progress !== false);
      const report = await verdictOfFiles(
        { original: originalPath, release: releasePath, control: opts.control, aux: opts.aux, previousRelease: opts.previousRelease },
        policy,
        {
          overrides: { delimiter: opts.delimiter, encoding: opts.encoding as 'utf-8' | 'latin-1' | undefined },
          seed, attacks, truth, onWarning: (m) => process.stderr.write(`warning: ${m}\n`), onProgress: bar.onProgress,
        },
      );
      bar.finish();
      const pc = (await import('picocolors')).default;
      for (const w of report.warnings) {
        process.stderr.write(w.startsWith('NO CONTROL SET') ? `${pc.bold(pc.yellow('WARNING'))}: ${pc.yellow(w)}\n` : `${pc.yellow('warning')}: ${w}\n`);
      }
      if (opts.output === '-') printJson(report);
      else if (opts.output) {
        const { writeFileAtomic } = await import('../../io/write.ts');
        await writeFileAtomic(opts.output, JSON.stringify(report, null, 2) + '\n');
      }
      if (opts.json) printJson(report);
      else {
        const out: string[] = [];
        out.push(report.verdict.anonymous ? pc.green(pc.bold('anonymous')) : pc.red(pc.bold('pseudonymous: personal data')));
        for (const r of report.verdict.reasons) out.push(`  - ${r}`);
        out.push('', ...verdictSummary(report).map((l) => '  ' + l));
        // (the level the bounds were computed at: the policy's attacks.confidence, 95 % by default — not a fixed "95 %")
        out.push('', `  limit ${report.verdict.limit} on every upper ${confidenceLabel(report.parameters.confidence)} bound · seed ${report.parameters.seed} · ${report.parameters.attacks} attacks per criterion · ${report.seconds} s`);
        (opts.output === '-' ? process.stderr : process.stdout).write(out.join('\n') + '\n');
      }
      return report.verdict.anonymous ? 0 : 3;
    }));
}
