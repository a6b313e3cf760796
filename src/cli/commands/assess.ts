import type { Command } from 'commander';
import { action, printJson, refuseOverwrites } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

export function register(program: Command): void {
  program.command('assess')
    .description('Measure re-identification risk of a data set against a policy (k, l, t, prosecutor/journalist/marketer risk, population uniqueness, individual risk, SUDA2)')
    .argument('<input>', 'CSV/TSV, Parquet or JSON Lines file; - reads stdin (CSV)')
    .option('-p, --policy <file>', 'policy file (YAML or JSON): roles, types, thresholds; see docs/policy.md')
    .option('--qi <columns>', 'quasi-identifiers, comma-separated (instead of a policy)')
    .option('--sensitive <columns>', 'sensitive columns, comma-separated (with --qi)')
    .option('-k <k>', 'k threshold (with --qi; default 2 — no combination held by a single record —, said on stderr; -k 1 checks nothing)')
    .option('--delimiter <char>', 'CSV delimiter (overrides the policy)')
    .option('--encoding <enc>', 'utf-8 or latin-1 (overrides the policy)')
    .option('--format <fmt>', 'csv, tsv, parquet, jsonl or json (default: from the extension)')
    .option('--original <file>', 'the input is a release of these original records: also run the anonymity verdict (attacks; docs/verdict.md)')
    .option('--control <file>', 'with --original: original records held out of the release (control set of the attacks)')
    .option('--aux <file>', 'with --original: auxiliary table with identities for the linkage attack')
    .option('--json', 'print the assessment as JSON (docs/assessment.md)')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--no-progress', 'no progress bar on stderr (drawn on a terminal when SUDA2 runs longer than a second)')
    .addHelpText('after', `
Examples:
  anonymat assess patients.csv --policy policy.yaml
  anonymat assess patients.parquet --policy policy.yaml --json > assessment.json
  anonymat assess adult.csv --delimiter ';' --qi sex,age,race -k 5 --html report.html
  cat extract.csv | anonymat assess - --policy policy.yaml
  anonymat assess release.csv --policy policy.yaml --original extract.csv --control heldout.csv   # + anonymity verdict

Exit codes: 0 thresholds met · 2 invalid input, policy or options · 3 thresholds not met. With --qi and
no -k, or a policy with quasi-identifiers and no thresholds.k, k = 2 is checked (said on stderr): data
with a record unique on the quasi-identifiers exit 3.
The policy's hierarchy files are read and checked (they exist, parse, each level a function of the
previous one) before the data: a policy anonymize could not use is refused here too (exit 2).
Cost: memory ≈ 4 bytes × rows × columns for the codes plus DuckDB's read buffers; time is one
pass per quasi-identifier subset (SUDA2 grows with risk.suda2MaxSize, default 3).`)
    .action(action(async (input: string, opts: AssessOptions) => {
      refuseOverwrites([['--html', opts.html]], [['input', input], ['--policy', opts.policy], ['--original', opts.original], ['--control', opts.control], ['--aux', opts.aux]]);
      // (the options before any reading: --control or --aux without --original was refused after the whole assessment)
      if ((opts.control || opts.aux) && !opts.original) throw new AnonymatError('invalid-usage', '--control and --aux need --original (the records the input was released from)');
      const { assessFile } = await import('../../release/assess.ts');
      const { summaryLines } = await import('../../release/assess-report.ts');
      const policy = await policyFromOptions(opts);
      // (nor the files the policy reads: "--html population.csv" replaced the population table with the report)
      refuseOverwrites([['--html', opts.html]], (await import('../../policy/policy.ts')).policyFiles(policy));
      // (the hierarchy files anonymize would read, read and checked before the data: a missing one passed here)
      await (await import('../../policy/policy.ts')).checkHierarchyFiles(policy);
      const { progressBar } = await import('../progress.ts');
      const bar = await progressBar('SUDA2: subsets of quasi-identifiers', opts.progress !== false);
      const result = await assessFile(input, policy, {
        delimiter: opts.delimiter, encoding: opts.encoding as 'utf-8' | 'latin-1' | undefined, format: opts.format as never,
      }, undefined, { onProgress: bar.onProgress, withOriginal: opts.original !== undefined });
      bar.finish();
      for (const w of result.warnings) process.stderr.write(`WARNING: ${w}\n`);
      let proof: import('../../attack/index.ts').VerdictReport | undefined;
      if (opts.original) {
        const { verdictOfFiles } = await import('../../release/verdict.ts');
        const vbar = await progressBar('verdict: steps', opts.progress !== false);
        proof = await verdictOfFiles({ original: opts.original, release: input, control: opts.control, aux: opts.aux }, policy, {
          overrides: { delimiter: opts.delimiter, encoding: opts.encoding as 'utf-8' | 'latin-1' | undefined },
          onWarning: (m) => process.stderr.write(`warning: ${m}\n`), onProgress: vbar.onProgress,
        });
        vbar.finish();
        for (const w of proof.warnings) process.stderr.write(`WARNING: ${w}\n`);
      }
      if (opts.json) printJson(proof ? { ...result.assessment, anonymity: proof } : result.assessment);
      else {
        process.stdout.write(summaryLines(result.assessment).join('\n') + '\n');
        if (proof) process.stdout.write(`anonymity verdict: ${proof.verdict.label}\n${proof.verdict.reasons.map((r) => `  - ${r}`).join('\n')}${proof.verdict.reasons.length ? '\n' : ''}`);
      }
      // (the report is written once everything is measured, the verdict with it: before, a failed --original left a report
      // that called the data fine, and the verdict was missing from it)
      if (opts.html) {
        const { writeAssessmentReport } = await import('../../release/assess.ts');
        await writeAssessmentReport(opts.html, input, policy, result.assessment, proof);
        process.stderr.write(`report written to ${opts.html}\n`);
      }
      return result.assessment.verdict.passes && (!proof || proof.verdict.anonymous) ? 0 : 3;
    }));
}

interface AssessOptions {
  original?: string; control?: string; aux?: string;
  policy?: string; qi?: string; sensitive?: string; k?: string; delimiter?: string; encoding?: string; format?: string; json?: boolean; html?: string; progress?: boolean;
}

async function policyFromOptions(opts: AssessOptions) {
  const { loadPolicy, parsePolicy } = await import('../../policy/policy.ts');
  if (opts.policy) {
    if (opts.qi || opts.sensitive || opts.k) throw new AnonymatError('invalid-usage', 'give either a policy (--policy) or --qi/--sensitive/-k, not both: the policy already says the roles and thresholds');
    const policy = await loadPolicy(opts.policy);
    // (a policy with quasi-identifiers and no thresholds.k: k = 2 is checked, as with --qi and no -k, and said — "the
    // policy thresholds are met" was printed over data of k = 1, while the JSON said kThreshold 2)
    if (Object.values(policy.columns).some((c) => c.role === 'quasi') && policy.thresholds?.k === undefined) {
      process.stderr.write('the policy gives no thresholds.k: k = 2 is checked (no combination of the quasi-identifiers held by a single record); set thresholds.k to choose another\n');
      return { ...policy, thresholds: { ...policy.thresholds, k: 2 } };
    }
    return policy;
  }
  if (!opts.qi) throw new AnonymatError('invalid-usage', 'give a policy (--policy file.yaml) or the quasi-identifiers (--qi a,b,c); "anonymat init <input>" proposes a policy');
  const columns: Record<string, { role: string }> = {};
  for (const c of opts.qi.split(',').map((s) => s.trim()).filter(Boolean)) columns[c] = { role: 'quasi' };
  for (const c of (opts.sensitive ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (columns[c]) throw new AnonymatError('invalid-usage', `column "${c}" is given both as a quasi-identifier (--qi) and as sensitive (--sensitive): a column has one role`, [{ path: '--sensitive', message: `leave "${c}" out of one of them` }]);
    columns[c] = { role: 'sensitive' };
  }
  const k = opts.k === undefined ? undefined : Number(opts.k);
  if (k !== undefined && !(Number.isInteger(k) && k >= 1)) throw new AnonymatError('invalid-usage', '-k expects a positive integer');
  // (no -k: k = 2 is checked, and said — "the policy thresholds are met" was printed over data of k = 1, with no threshold
  // checked, while the JSON said kThreshold 2)
  if (k === undefined) process.stderr.write('no -k given: k = 2 is checked (no combination of the quasi-identifiers held by a single record); give -k to choose another\n');
  return parsePolicy({ columns, thresholds: { k: k ?? 2 } }, { baseDir: process.cwd(), source: 'command line' });
}
