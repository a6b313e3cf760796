import type { Command } from 'commander';
import { action, printJson, refuseOverwrites } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

interface Opts {
  policy?: string; keyFile?: string; output?: string; format?: string; rotateFrom?: string; correspondence?: string;
  rekey?: string; report?: string; json?: boolean; progress?: boolean;
}

/**
 * A key loaded, its error saying which key it is about: a rotation reads two, and the previous key's errors were
 * reported as the current one's ("the pseudonymization key is too short", an unreadable path under --key-file).
 */
function namedKey<T>(flag: string, what: string, load: () => T): T {
  try { return load(); } catch (e) {
    if (!(e instanceof AnonymatError) || e.code !== 'invalid-key') throw e;
    const previous = flag === '--rotate-from';
    let message = e.message.replace(/^the pseudonymization key\b/, what).replace(/^cannot read the key file\b/, `cannot read the key file of ${flag}`);
    // (the previous key is not generated anew: it is the one the input's tokens were made with)
    if (previous) message = message.replace(/\. Generate one with: .*$/, '');
    const issues = e.issues.map((i) => (i.path === '--key-file' ? { ...i, path: flag } : i));
    if (previous) issues.push({ path: flag, message: 'give the file of the key being replaced: the one the existing tokens were made with' });
    throw new AnonymatError('invalid-key', message, issues, { cause: e });
  }
}

/** `anonymat pseudonymize` — column actions (drop, keyed pseudonym, date shift, generalize) per the policy. */
export function register(program: Command): void {
  program.command('pseudonymize')
    .description('Drop, pseudonymize (keyed HMAC-SHA-256 tokens), shift dates per person or generalize columns, as the policy says')
    .argument('<input>', 'CSV/TSV, Parquet or JSON Lines file; - reads CSV from stdin')
    .requiredOption('--policy <file>', 'policy file (columns with role and optional action; pseudonymize: section)')
    .option('--key-file <file>', 'secret key (hex, base64 or a passphrase of at least 32 bytes); default: env ANONYMAT_KEY or pseudonymize.keyEnv')
    .option('-o, --output <file>', 'output table (format from the extension; default: CSV on stdout)')
    .option('--format <fmt>', 'input format: csv, tsv, parquet, jsonl or json')
    .option('--rotate-from <file>', 'previous key file: also write the old→new token correspondence (needs --correspondence)')
    .option('--correspondence <file>', 'where to write the old→new token table (for the data controller only; never release it)')
    .option('--rekey <file>', 're-key an already pseudonymized input with a correspondence table (no key, no originals needed)')
    .option('--report <file>', 'write the JSON report (actions per column, counts; no values, keys or tokens)')
    .option('--json', 'print the report as JSON on stdout (needs -o)')
    .option('--no-progress', 'no progress bar on stderr (drawn on a terminal when free-text redaction takes longer than a second)')
    .addHelpText('after', `
Examples:
  openssl rand -hex 32 > secret.key && chmod 600 secret.key
  anonymat pseudonymize patients.csv --policy policy.yaml --key-file secret.key -o patients.pseudo.csv
  ANONYMAT_KEY=$(cat secret.key) anonymat pseudonymize visits.parquet --policy policy.yaml -o out.parquet --json
  anonymat pseudonymize patients.csv --policy policy.yaml --key-file new.key --rotate-from old.key \\
      --correspondence rotation.csv -o patients.pseudo.csv
  anonymat pseudonymize old.pseudo.csv --policy policy.yaml --rekey rotation.csv -o new.pseudo.csv

Policy (YAML):
  columns:
    patient_id: { role: person-key }                         # → v1:… token (default)
    nir:        { role: identifier, action: pseudonymize }   # default for identifiers: drop
    visit_date: { role: quasi, type: date, action: shift-dates }
    birth_date: { role: quasi, type: date, action: generalize }  # → year
    note:       { role: sensitive, text: true }              # free text redacted
  pseudonymize: { profile: fr, dateShiftDays: 180 }          # or safe-harbor

Same input, key and policy → same output. The key is never printed or written to a report; a
missing or too short key (< 32 bytes) exits with 2 (invalid-key). A CSV/TSV input whose first line holds
values (a date, a NIR: no header row) exits with 2 before anything is written, the line not shown: add a
header line or declare input.header: false (columns column1, column2, …). Memory: the table in memory
(dictionary-coded); time: one HMAC per distinct value.`)
    .action(action(async (input: string, opts: Opts) => {
      const { loadPolicy, readOptionsOf } = await import('../../policy/policy.ts');
      const { readTable, columnList, noHeaderText, formatOf } = await import('../../io/read.ts');
      const { writeTable, withAtomicFiles, tableToCsv } = await import('../../io/write.ts');
      const { writeFile } = await import('node:fs/promises');
      const ps = await import('../../pseudonymize/index.ts');
      if (opts.json && !opts.output) throw new AnonymatError('invalid-usage', '--json prints the report on stdout: give the output table with -o <file>');
      if (opts.rotateFrom && !opts.correspondence) throw new AnonymatError('invalid-usage', '--rotate-from needs --correspondence <file> (where the old→new token table goes)');
      if (opts.correspondence && !opts.rotateFrom) throw new AnonymatError('invalid-usage', '--correspondence is written only when rotating keys: add --rotate-from <previous key file>');
      // (no output may overwrite the input, a key, the policy, a table read or another output)
      refuseOverwrites([['-o', opts.output], ['--report', opts.report], ['--correspondence', opts.correspondence]],
        [['input', input], ['--policy', opts.policy], ['--key-file', opts.keyFile], ['--rotate-from', opts.rotateFrom], ['--rekey', opts.rekey]]);
      const policy = await loadPolicy(opts.policy!);
      // (a file without a header row is refused before anything is written: its first record would be echoed as column
      // names in the warnings and the report, written as the output's header, and that patient left out — unless the policy
      // declares those names)
      const headerCheck = { valueHeader: 'refuse' as const, declaredColumns: Object.keys(policy.columns), noHeaderHint: 'declare input.header: false in the policy (the columns are then column1, column2, …, in the policy and the output)' };
      // re-keying reads an already pseudonymized output: the policy's column types no longer apply
      const table = await readTable(input, opts.rekey ? { ...policy.input, format: opts.format as never, ...headerCheck } : readOptionsOf(policy, { format: opts.format as never, ...headerCheck }));
      let out;
      let report: unknown;
      let correspondence: import('../../table/table.ts').Table | undefined;
      if (opts.rekey) {
        const corr = await readTable(opts.rekey, { format: 'csv' });
        const cols = Object.entries(policy.columns).filter(([, c]) => c.action === 'pseudonymize' || (c.role === 'person-key' && !c.action)).map(([n]) => n).filter((n) => table.columns.some((c) => c.name === n));
        // (and the tokens inside the notes' text: a token the correspondence lacks stops the run — no old-key token is left)
        const found = { text: [] as string[] };
        out = ps.rekeyTable(table, cols, corr, found);
        const warnings: string[] = [];
        const ps0 = (policy.pseudonymize ?? {}) as { textReplacement?: string };
        const texts = Object.entries(policy.columns).filter(([n, c]) => c.text && c.action !== 'drop' && c.action !== 'keep' && table.columns.some((x) => x.name === n)).map(([n]) => n);
        if (ps0.textReplacement === 'surrogate' && texts.length) {
          warnings.push(`column(s) ${texts.map((n) => `"${n}"`).join(', ')}: surrogates (made-up names, shifted dates) drawn with the previous key are not tokens and stay as they were; pseudonymize the originals with the new key to replace them`);
        }
        for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
        report = { rekeyed: cols, rekeyedText: found.text, rows: table.rowCount, warnings };
      } else {
        // (a policy column absent from the input is a typo until proved otherwise: its action would silently not apply)
        const absent = Object.keys(policy.columns).filter((n) => !table.columns.some((c) => c.name === n));
        if (absent.length) {
          throw new AnonymatError('invalid-input', `${input === '-' ? 'stdin' : input}: ${absent.length} column(s) named in the policy are not in the input`,
            absent.length === Object.keys(policy.columns).length
              // (none found: the first line is a record, not a header — its fields are not listed)
              ? [{ path: 'columns', message: `${absent.map((n) => JSON.stringify(n)).join(', ')}: ${noHeaderText(table.columns.length)}; add a header line or fix the names in the policy` }]
              : absent.map((n) => ({ path: `column ${JSON.stringify(n)}`, message: `not found in the input (${columnList(table.columns.map((c) => c.name))}); fix the name in the policy or the file header` })));
        }
        const keyEnv = (policy.pseudonymize as { keyEnv?: string } | undefined)?.keyEnv ?? ps.DEFAULT_KEY_ENV;
        const key = opts.keyFile || process.env[keyEnv]
          ? namedKey(opts.keyFile ? '--key-file' : keyEnv, opts.keyFile ? 'the pseudonymization key (--key-file)' : `the pseudonymization key (environment variable ${keyEnv})`, () => ps.loadKey({ keyFile: opts.keyFile, keyEnv }))
          : null;
        const previousKey = opts.rotateFrom ? namedKey('--rotate-from', 'the previous key (--rotate-from)', () => ps.loadKey({ keyFile: opts.rotateFrom })) : undefined;
        if (previousKey !== undefined && key !== null && previousKey.fingerprint === key.fingerprint) {
          throw new AnonymatError('invalid-usage', '--rotate-from holds the same key as the current one: nothing to rotate', [{ path: '--rotate-from', message: 'give the previous key file' }]);
        }
        const { progressBar } = await import('../progress.ts');
        const bar = await progressBar('pseudonymize (texts redacted)', opts.progress !== false);
        // (a value an action cannot take is named by its file and line: records are lines after the header in CSV/TSV)
        const label = input === '-' ? 'stdin' : input;
        const lines = input === '-' || ['csv', 'tsv'].includes(formatOf(input, (opts.format ?? policy.input?.format) as never));
        const headerLines = lines && policy.input?.header !== false ? 1 : 0;
        const where = (row: number): string => (lines ? `${label}:${row + 1 + headerLines}` : `${label}: record ${row + 1}`);
        const r = ps.pseudonymizeTable(table, policy as never, key, { previousKey, onProgress: bar.onProgress, where, source: label });
        bar.finish();
        out = r.table;
        report = r.report;
        correspondence = r.correspondence;
        for (const w of r.report.warnings) process.stderr.write(`warning: ${w}\n`);
      }
      // (CSV out in the input's delimiter: the output reads back with the same policy)
      const delimiter = (policy.input as { delimiter?: string } | undefined)?.delimiter ?? ',';
      // (the table on standard output goes first: a run whose files then fail leaves no correspondence without its output)
      if (!opts.output) process.stdout.write(tableToCsv(out, delimiter));
      // (the output, the correspondence and the report: all or none — a failed write, a full disk or a file too large, leaves
      // none of them, where the correspondence used to be written, and announced, before the output failed)
      const files: [string, (tmp: string) => Promise<void>][] = [];
      if (opts.output) { const path = opts.output; files.push([path, (tmp) => writeTable(out, tmp, { delimiter, format: formatOf(path) })]); }
      // (for the data controller only: readable by its owner alone, from the file's creation on)
      if (correspondence) { const c = correspondence; files.push([opts.correspondence!, (tmp) => writeTable(c, tmp, { format: 'csv', mode: 0o600 })]); }
      if (opts.report) files.push([opts.report, (tmp) => writeFile(tmp, JSON.stringify(report, null, 2) + '\n')]);
      if (files.length) await withAtomicFiles(files.map(([p]) => p), (i, tmp) => files[i]![1](tmp));
      if (correspondence) process.stderr.write(`token correspondence written to ${opts.correspondence}: for the data controller only — it links old and new tokens; never release it\n`);
      if (opts.json) printJson(report);
      else if (opts.output) process.stderr.write(`${out.rowCount} rows, ${out.columns.length} columns written to ${opts.output}\n`);
      return 0;
    }));
}
