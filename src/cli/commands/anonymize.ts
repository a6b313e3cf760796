import type { Command } from 'commander';
import { action, printJson, refuseOverwrites } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

interface AnonymizeCliOptions {
  policy?: string; output?: string; report?: string; json?: boolean; strategy?: string; suppression?: string; keepOrder?: boolean;
  metric?: string; delimiter?: string; encoding?: string; format?: string; progress?: boolean; verdict?: boolean; control?: string; attacks?: string;
  holdout?: string;
}

const STRATEGIES = ['auto', 'optimal', 'exhaustive', 'heuristic', 'mondrian', 'mdav'];
const METRICS = ['loss', 'precision', 'entropy', 'discernibility', 'aecs'];

export function register(program: Command): void {
  program.command('anonymize')
    .description('Anonymize a data set under a policy: optimal full-domain generalization with record suppression (or Mondrian / MDAV), with risk before and after')
    .argument('<input>', 'CSV/TSV, Parquet or JSON Lines file; - reads stdin (CSV)')
    .requiredOption('-p, --policy <file>', 'policy file (YAML or JSON): roles, hierarchies, thresholds, anonymize section (docs/anonymize.md)')
    .option('-o, --output <file>', 'anonymized data (CSV, TSV, Parquet, JSON or JSON Lines by extension), written atomically; - writes CSV on stdout (the summary then goes to stderr)')
    .option('--report <file>', 'self-contained HTML report (transformation, loss per attribute, risk and class sizes before/after); - writes it on stdout')
    .option('--json', 'print the result as JSON on stdout')
    .option('--strategy <name>', `search strategy (${STRATEGIES.join(' | ')}); overrides anonymize.strategy`)
    .option('--suppression <fraction>', 'record-suppression limit in [0,1]; overrides anonymize.suppressionLimit')
    .option('--metric <name>', `information-loss metric (${METRICS.join(' | ')}); overrides anonymize.metric`)
    .option('--delimiter <char>', 'CSV delimiter (overrides the policy)')
    .option('--encoding <enc>', 'utf-8 or latin-1 (overrides the policy)')
    .option('--format <fmt>', 'input format: csv, tsv, parquet, jsonl or json (default: from the extension)')
    .option('--verdict', 'also attack the release with the originals (anonymity verdict, docs/verdict.md); nothing is written unless it is anonymous')
    .option('--control <file>', 'with --verdict: original records held out of the input (control set of the attacks)')
    .option('--holdout <fraction>', 'with --verdict and no --control: hold out this seeded share of the persons (or records) as the control set; they are not released')
    .option('--attacks <n>', 'with --verdict: attacks per criterion (default 2000; more gives tighter confidence intervals)')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--keep-order', 'write the rows in the input\'s order (default: a random order — the input\'s keeps a person\'s records side by side and whatever it was sorted by)')
    .addHelpText('after', `
Examples:
  anonymat anonymize adult.csv --policy adult.yaml -o adult-anon.csv
  anonymat anonymize patients.parquet -p policy.yaml -o release.parquet --report report.html --json
  anonymat anonymize patients.csv -p policy.yaml -o out.csv --strategy mondrian
  anonymat anonymize patients.csv -p policy.yaml -o out.csv --verdict --control heldout.csv   # + attacks
  anonymat anonymize patients.csv -p policy.yaml -o out.csv --verdict --holdout 0.1          # control set taken from the input

Exit codes: 0 the output meets the policy · 2 invalid input, policy or hierarchy ·
3 no transformation satisfies the policy, or the release fails a threshold the search does not enforce
(the binding constraint or the failed threshold is printed, and in --json; nothing is written: neither -o
nor --report). -o and --report are written all or none: when one cannot be written, neither is, and
existing files are left as they were. Options are checked before the data are read.
Cost: memory ≈ rows × (quasi-identifiers + sensitive columns + 3) × 4 bytes plus cached snapshots (bounded);
time grows with the lattice size (product of hierarchy heights); lattices above
anonymize.maxOptimalLattice (default 100,000) use a heuristic and report optimal: false.`)
    .action(action(async (input: string, opts: AnonymizeCliOptions) => {
      refuseOverwrites([['-o', opts.output], ['--report', opts.report]], [['input', input], ['--policy', opts.policy], ['--control', opts.control]]);
      const { loadPolicy, readOptionsOf, personKey, quasiIdentifiers, checkHierarchyFiles, policyFiles } = await import('../../policy/policy.ts');
      const { readTable, formatOf } = await import('../../io/read.ts');
      const { writeTable, withAtomicFiles } = await import('../../io/write.ts');
      const { anonymize, anonymizeJson, anonymizeReportSections, utilityWarnings } = await import('../../release/anonymize.ts');
      // (every option and combination is checked before the policy and the data are read: "--control x.csv" without
      // --verdict was refused after the whole search, "--attacks abc" without --verdict not at all)
      if (opts.strategy && !STRATEGIES.includes(opts.strategy)) throw new AnonymatError('invalid-usage', `--strategy must be one of ${STRATEGIES.join(', ')}`);
      if (opts.metric && !METRICS.includes(opts.metric)) throw new AnonymatError('invalid-usage', `--metric must be one of ${METRICS.join(', ')}`);
      let suppression: number | undefined;
      if (opts.suppression !== undefined) {
        suppression = Number(opts.suppression);
        if (!(suppression >= 0 && suppression <= 1)) throw new AnonymatError('invalid-usage', '--suppression expects a fraction in [0, 1] (e.g. 0.02)');
      }
      if (!opts.output && !opts.json && !opts.report) throw new AnonymatError('invalid-usage', 'give -o <output> (and/or --json, --report)');
      for (const [flag, given] of [['--control', opts.control], ['--holdout', opts.holdout], ['--attacks', opts.attacks]] as const) {
        if (given !== undefined && !opts.verdict) throw new AnonymatError('invalid-usage', `${flag} goes with --verdict (${flag === '--attacks' ? 'the attacks of the anonymity verdict' : 'it makes the control set of the attacks'})`, [{ path: flag, message: 'add --verdict, or leave it out' }]);
      }
      if (opts.control !== undefined && opts.holdout !== undefined) throw new AnonymatError('invalid-usage', 'give either --control or --holdout, not both');
      const holdoutFraction = opts.holdout === undefined ? undefined : Number(opts.holdout);
      if (holdoutFraction !== undefined && !(holdoutFraction > 0 && holdoutFraction <= 0.5)) throw new AnonymatError('invalid-usage', '--holdout expects a fraction in (0, 0.5] (e.g. 0.1)');
      const attacks = opts.attacks === undefined ? undefined : Number(opts.attacks);
      if (attacks !== undefined && !(Number.isInteger(attacks) && attacks >= 1)) throw new AnonymatError('invalid-usage', '--attacks expects a positive integer');
      // (- is standard output, as for redact and pseudonymize — it made a file named "-": one output there at most, and the
      // summary, then, on stderr)
      const onStdout = [opts.output === '-' ? '-o -' : null, opts.report === '-' ? '--report -' : null, opts.json ? '--json' : null].filter((x): x is string => x !== null);
      if (onStdout.length > 1) throw new AnonymatError('invalid-usage', `${onStdout.join(' and ')} would all write on standard output`, [{ path: onStdout[1]!, message: 'give one of them a file' }]);
      const stdoutTaken = opts.output === '-' || opts.report === '-';
      // (an output format that cannot be written is said before the work, not after)
      if (opts.output && opts.output !== '-') formatOf(opts.output);
      const policy = await loadPolicy(opts.policy!);
      // (nor the files the policy reads: "--report hierarchy.csv" replaced a hierarchy with the report)
      refuseOverwrites([['-o', opts.output], ['--report', opts.report]], policyFiles(policy));
      // (a policy without a quasi-identifier reads no column of the input: it was "no data rows (only a header)" on 1,171 rows)
      if (quasiIdentifiers(policy).length === 0) throw new AnonymatError('invalid-policy', 'anonymize needs at least one quasi-identifier (a column with role: quasi)', [{ path: 'columns', message: 'give the quasi-identifiers role quasi' }]);
      // (a hierarchy file that is missing or malformed is said before the data are read)
      await checkHierarchyFiles(policy);
      const overrides = Object.fromEntries(Object.entries({ delimiter: opts.delimiter, encoding: opts.encoding, format: opts.format }).filter(([, v]) => v !== undefined));
      // (columns the policy does not declare are not released: said, never silent)
      let undeclared: string[] = [];
      let table = await readTable(input, { ...readOptionsOf(policy, overrides), columns: Object.keys(policy.columns), onHeader: (names) => { undeclared = names.filter((n) => !Object.hasOwn(policy.columns, n)); } });
      if (table.rowCount === 0) throw new AnonymatError('invalid-input', `${input === '-' ? 'stdin' : input}: no data rows (only a header): nothing to anonymize`);
      if (undeclared.length) process.stderr.write(`warning: ${undeclared.length} column(s) not declared in the policy are left out of the release: ${undeclared.slice(0, 12).map((n) => JSON.stringify(n)).join(', ')}${undeclared.length > 12 ? ', …' : ''} (declare a column role insensitive to release it as it is, or sensitive)\n`);
      // --holdout: a seeded share of the persons is kept out of the release as the attacks' control set
      let heldOut: import('../../release/verdict.ts').HoldOut | undefined;
      if (holdoutFraction !== undefined) {
        const f = holdoutFraction;
        const { holdOut } = await import('../../release/verdict.ts');
        const key = personKey(policy);
        heldOut = holdOut(table, f, key ? { personKey: key } : {});
        table = heldOut.release;
        const what = heldOut.unit === 'person' ? `${heldOut.heldOut} persons (${heldOut.control.rowCount} records)` : `${heldOut.heldOut} records`;
        process.stderr.write(`${what} held out as the control set of the attacks: they are not released\n`);
      }
      // (Mondrian and MDAV make classes of k by construction: a suppression limit or mode asked for is not applied — said)
      const strategy = opts.strategy ?? policy.anonymize?.strategy;
      if ((strategy === 'mondrian' || strategy === 'mdav') && (suppression || policy.anonymize?.suppressionLimit || policy.anonymize?.suppressed)) {
        process.stderr.write(`warning: strategy ${strategy} does not suppress records: anonymize.suppressionLimit, anonymize.suppressed and --suppression apply to the full-domain strategies only\n`);
      }
      // progress bar on stderr, only when the search runs longer than a second
      const { progressBar } = await import('../progress.ts');
      const bar = await progressBar('search: transformations checked', opts.progress !== false);
      const result = await anonymize(table, policy, {
        strategy: opts.strategy as never, suppressionLimit: suppression, metric: opts.metric as never, onProgress: bar.onProgress,
      });
      bar.finish(result.checked);
      // the anonymity verdict: attack the release with the originals at hand (docs/verdict.md)
      let proof: import('../../attack/index.ts').VerdictReport | undefined;
      if (opts.verdict && result.table) {
        const { verdictOfTables, personLevelFormalOf } = await import('../../release/verdict.ts');
        const control = heldOut?.control ?? (opts.control ? await readTable(opts.control, { ...readOptionsOf(policy, overrides), columns: Object.keys(policy.columns), typesIfPresent: true }) : undefined);
        const vbar = await progressBar('verdict: steps', opts.progress !== false);
        // (the release's own assessment is at person level, with the key the release no longer has: the verdict reads it)
        const personLevelFormal = personLevelFormalOf(result.after);
        proof = await verdictOfTables({ original: table, release: result.table, ...(control ? { control } : {}) }, policy, { attacks, onWarning: (m) => process.stderr.write(`warning: ${m}\n`), onProgress: vbar.onProgress, ...(personLevelFormal ? { personLevelFormal } : {}) });
        vbar.finish();
        for (const w of proof.warnings) process.stderr.write(`WARNING: ${w}\n`);
      }
      const ok = result.feasible && result.verdict.passes && (!proof || proof.verdict.anonymous);
      // (the release and the report, all or none, and only for a result that meets the policy: a report that failed left a
      // new release behind it, and a failed run wrote its report, which --help and docs/anonymize.md said it did not — its
      // reasons are on stderr and in --json. "-" is written into standard output, after the files)
      if (ok) {
        const files: [string, (tmp: string) => Promise<void>][] = [];
        const { table: released } = result;
        if (released && opts.output) {
          const path = opts.output;
          // (in a random order unless --keep-order: the input's order links a person's rows and tells what it was sorted by)
          const { shuffledRows } = await import('../../release/shuffle.ts');
          const rows = opts.keepOrder ? released : shuffledRows(released);
          const format = formatOf(path);
          files.push([path === '-' ? '/dev/stdout' : path, (tmp) => writeTable(rows, tmp, { delimiter: readOptionsOf(policy, overrides).delimiter, format })]);
        }
        if (opts.report) {
          const { renderHtmlReport } = await import('../../release/report.ts');
          const html = renderHtmlReport({
            title: 'anonymat — anonymization',
            subtitle: `${input === '-' ? 'standard input' : input} · policy ${policy.source}`,
            meta: { generated: new Date().toISOString().slice(0, 19) + 'Z', tool: 'anonymat 0.1.0' },
            sections: anonymizeReportSections(result, proof),
          });
          const { writeFile } = await import('node:fs/promises');
          files.push([opts.report === '-' ? '/dev/stdout' : opts.report, (tmp) => writeFile(tmp, html)]);
        }
        if (files.length) await withAtomicFiles(files.map(([p]) => p), (i, tmp) => files[i]![1](tmp));
      }
      const holdoutJson = heldOut ? { holdout: { fraction: Number(opts.holdout), unit: heldOut.unit, heldOut: heldOut.heldOut, records: heldOut.control.rowCount } } : {};
      const left = { notReleased: { undeclared, dropped: Object.entries(policy.columns).filter(([, c]) => c.role === 'identifier' || c.role === 'person-key').map(([n]) => n) } };
      if (opts.json) printJson(proof ? { ...anonymizeJson(result), ...left, ...holdoutJson, anonymity: proof } : { ...anonymizeJson(result), ...left });
      else {
        const lines: string[] = [];
        if (result.feasible) {
          if (result.transformation) lines.push(`transformation: ${Object.entries(result.transformation).map(([c, l]) => `${c}=${l}`).join(', ')}`);
          lines.push(`loss (${result.metric}) ${result.loss} · suppressed ${result.suppressed} · classes ${result.classes} · ${result.optimal ? 'optimal' : 'not proven optimal'} (${result.strategy}, ${result.checked}/${result.latticeSize} checked)`);
          if (result.after) lines.push(`after: k = ${result.after.k}, highest prosecutor risk ${(result.after.prosecutor.highest * 100).toFixed(1)}%`);
        }
        if (result.textRedacted) lines.push(`free text redacted (${result.textRedacted.replacement}): ${result.textRedacted.columns.join(', ')}`);
        (stdoutTaken ? process.stderr : process.stdout).write(lines.join('\n') + (lines.length ? '\n' : ''));
      }
      if (!result.feasible) {
        process.stderr.write(`no transformation satisfies the policy (nothing written):\n${result.binding.map((b) => `  ${b}`).join('\n')}\n`);
        return 3;
      }
      if (!result.verdict.passes) {
        process.stderr.write(`the anonymized data still fail the policy (nothing written):\n${result.verdict.failures.map((b) => `  ${b}`).join('\n')}\n`);
        return 3;
      }
      if (proof && !proof.verdict.anonymous) {
        process.stderr.write(`the release is still pseudonymous (personal data; nothing written):\n${proof.verdict.reasons.map((r) => `  ${r}`).join('\n')}\n`);
        return 3;
      }
      if (proof) process.stderr.write('anonymity verdict: anonymous\n');
      // (a release that keeps almost nothing is written all the same, and said so)
      for (const w of utilityWarnings(result)) process.stderr.write(`warning: ${w}\n`);
      if (opts.output) process.stderr.write(`anonymized data written to ${opts.output === '-' ? 'standard output' : opts.output}\n`);
      if (opts.report) process.stderr.write(`report written to ${opts.report === '-' ? 'standard output' : opts.report}\n`);
      return 0;
    }));
}
