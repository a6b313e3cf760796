import type { Command } from 'commander';
import { action, printJson, refuseOverwrites } from '../run.ts';
import { textEncodingOf } from '../../io/text-decode.ts';
import { AnonymatError } from '../../errors.ts';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { mayBeKeyText } from '../../pseudonymize/key.ts';

export function register(program: Command): void {
  program.command('init')
    .description('Profile the columns of a data set and propose a policy (roles with a reason for each)')
    .argument('<input>', 'CSV/TSV, Parquet or JSON Lines file; - reads stdin (CSV)')
    .option('-o, --output <file>', 'write the proposed policy here (default: print it; - prints it); an existing file is refused unless --overwrite, a key file always')
    .option('--overwrite', 'replace the -o file if it exists (never a key file)')
    .option('--delimiter <char>', 'CSV delimiter')
    .option('--encoding <enc>', 'utf-8 or latin-1 (read as Windows-1252; windows-1252, cp1252 and iso-8859-1 are its other names)')
    .option('--format <fmt>', 'csv, tsv, parquet, jsonl or json')
    .option('--no-header', 'the CSV/TSV file has no header row: its columns are column1, column2, … (input.header: false in the proposal)')
    .option('--json', 'print the column profiles as JSON')
    .option('--no-progress', 'no progress bar on stderr (drawn on a terminal when profiling takes longer than a second: its steps)')
    .addHelpText('after', `
Examples:
  anonymat init extract.csv -o policy.yaml
  anonymat init adult.csv --delimiter ';' --json
  anonymat init extract-without-header.csv --no-header -o policy.yaml
  anonymat init extract.csv -o policy.yaml --overwrite    # replace an earlier proposal

Each column is profiled (type, distinct values, share of unique values, missing share, whether values
look like names, NIR, e-mail, phone, dates or postal codes) and given a proposed role with a comment:
direct identifiers and key-like codes (record numbers, patient numbers) are identifiers or the person
key; quasi-identifiers get a generalization hierarchy (dates, intervals, masked postal codes) and, with
a person key, an aggregation when they vary between a person's rows. Review the proposal (docs/policy.md).
A CSV/TSV file whose first line holds values of its columns' kinds (a date over dates, a NIR or a phone
over NIRs or phones) rather than column names is refused (exit 2, the line not shown): add a header line,
or give --no-header. A first line without digits or @ cannot be told from a header.
An existing -o file (a reviewed policy) is not replaced without --overwrite; a file that holds a key
(hex, base64, raw bytes, PEM, or named .key/.pem) never is. Both are refused (exit 2) before the input is read.`)
    .action(action(async (input: string, opts: { output?: string; overwrite?: boolean; delimiter?: string; encoding?: string; format?: string; header?: boolean; json?: boolean; progress?: boolean }) => {
      // ("-o -" is standard output, as for redact and pseudonymize: it wrote a file named "-")
      if (opts.output === '-') {
        if (opts.json) throw new AnonymatError('invalid-usage', '-o - and --json would both print on standard output', [{ path: '-o', message: 'give -o a file, or leave it out' }]);
        opts.output = undefined;
      }
      // (the proposal may not overwrite its own input: "init data.csv -o data.csv" replaced the data with the policy)
      refuseOverwrites([['-o', opts.output]], [['input', input]]);
      // (nor, silently, a file already there — a reviewed policy —, and never a key: "-o victim.key" replaced the only key)
      if (opts.output !== undefined) refuseExistingOutput(opts.output, opts.overwrite === true);
      const { formatOf, readTable, withMissingMarkers } = await import('../../io/read.ts');
      const { writeFileAtomic } = await import('../../io/write.ts');
      const { profileTable, proposePolicyYaml, proposalWarnings, missingMarkers, textFormats } = await import('../../policy/init.ts');
      const { progressBar } = await import('../progress.ts');
      const bar = await progressBar('init: steps', opts.progress !== false);
      const steps = ['read', 'missing markers', 'profile'];
      const step = (i: number): void => bar.onProgress?.(i, steps.length, steps[i]);
      // (a file without a header row is refused, not profiled: its first record would be printed as the proposal's column
      // names — a patient's NIR, name and birth date — and left out of the profiles)
      const ro = {
        // (the encoding's canonical name, which the proposed policy then holds: "cp1252" → latin-1)
        delimiter: opts.delimiter, encoding: opts.encoding === undefined ? undefined : textEncodingOf(opts.encoding), format: opts.format as never,
        header: opts.header !== false, valueHeader: 'refuse' as const, noHeaderHint: 'give --no-header (the columns are then column1, column2, …)',
      };
      step(0);
      let table = await readTable(input, ro);
      // ("?", "NA", "NULL" written for missing values: read as missing, and proposed in the policy — made from the table
      // read, or, when a column then becomes numbers or dates, read again with them)
      step(1);
      // (CSV and TSV only: input.missing applies to text files, Parquet and JSON carry their own nulls)
      const format = input === '-' ? opts.format ?? 'csv' : formatOf(input, opts.format as never);
      const markers = format === 'csv' || format === 'tsv' ? missingMarkers(table) : [];
      const missing = markers.length ? ['', ...markers] : undefined;
      // (standard input cannot be read again: there, a column that would change kind is profiled as read)
      let profiledAsMissing = false;
      if (missing) {
        const recoded = withMissingMarkers(table, markers);
        if (recoded) table = recoded;
        else if (input !== '-') table = await readTable(input, { ...ro, missing });
        profiledAsMissing = recoded !== null || input !== '-';
      }
      // (numbers with a decimal comma and dates written day first, as French exports write them: read again so, and proposed
      // in the policy's input — else they stay text, and a declared type fails)
      const found = format === 'csv' || format === 'tsv' ? textFormats(table, opts.delimiter ?? (format === 'tsv' ? '\t' : ',')) : {};
      if (found.ambiguousDates) process.stderr.write('dates are written d/m/y or m/d/y and no day above 12 tells which: they stay text — declare input.dateOrder (dmy or mdy) in the policy\n');
      const formats = { ...(found.decimal ? { decimal: found.decimal } : {}), ...(found.dateOrder ? { dateOrder: found.dateOrder } : {}) };
      if ((formats.decimal || formats.dateOrder) && input !== '-') {
        table = await readTable(input, { ...ro, ...(missing ? { missing } : {}), ...formats });
        process.stderr.write(`${[formats.decimal ? 'numbers are written with a decimal comma' : '', formats.dateOrder ? `dates are written ${formats.dateOrder === 'dmy' ? 'day' : 'month'} first` : ''].filter(Boolean).join(' and ')} in this file: read so (input.${formats.decimal ? 'decimal' : 'dateOrder'} in the proposal)\n`);
      }
      if (table.rowCount === 0) process.stderr.write('warning: the input has no data rows (a header only): the roles below come from the column names alone — review them against data\n');
      step(2);
      const ids = await import('../../health/identifiers/index.ts');
      const profiles = profileTable(table, ids.detectIdentifierColumn, 200, ids.DIRECT_KINDS);
      bar.finish(steps.length);
      for (const w of proposalWarnings(profiles)) process.stderr.write(`warning: ${w}\n`);
      if (missing) process.stderr.write(`missing values are written ${markers.map((m) => JSON.stringify(m)).join(', ')} in this file: read as missing${profiledAsMissing ? '' : ' when the policy is used'} (input.missing in the proposal)\n`);
      let yaml = proposePolicyYaml(profiles, { input, delimiter: opts.delimiter, encoding: ro.encoding, ...(missing ? { missing } : {}), ...(input !== '-' ? formats : {}) });
      // (read without a header: the policy must say so, or it would read the first record as the column names; the input
      // section is the proposal's last)
      if (opts.header === false) yaml = /\ninput:\n/.test(yaml) ? yaml.replace(/\ninput:\n/, '\ninput:\n  header: false         # no header row: columns column1, column2, …\n') : `${yaml}input:\n  header: false         # no header row: columns column1, column2, …\n`;
      // (--json prints the profiles; with -o the proposed policy is written all the same)
      if (opts.json) {
        if (opts.output) await writeFileAtomic(opts.output, yaml);
        printJson(profiles);
        return 0;
      }
      if (opts.output) {
        await writeFileAtomic(opts.output, yaml);
        process.stderr.write(`proposed policy written to ${opts.output} (${profiles.length} columns); review it before use\n`);
      } else process.stdout.write(yaml);
      return 0;
    }));
}

/**
 * Refuses an `-o` that names an existing file unless `overwrite`, and one that holds a key always (exit 2, before the
 * input is read). A key given in place of the path is refused unshown, as redact's -o is. Devices (/dev/stdout) are
 * written through, not replaced: they are not refused.
 */
function refuseExistingOutput(output: string, overwrite: boolean): void {
  if (!existsAsFile(output) && mayBeKeyText(output)) {
    throw new AnonymatError('invalid-usage', '-o given (not shown: it looks like key material — pass the path of the output file, not the key)', [{ path: '-o', message: 'may be key material' }]);
  }
  const st = statSync(output, { throwIfNoEntry: false });
  if (st === undefined || !st.isFile()) return;
  if (holdsKey(output, st.size)) {
    throw new AnonymatError('invalid-usage', `-o ${output} holds a key: a policy is never written over it, --overwrite or not`, [{ path: '-o', message: 'choose another path for the proposed policy' }]);
  }
  if (!overwrite) {
    throw new AnonymatError('invalid-usage', `-o ${output} already exists: it is not replaced`, [{ path: '-o', message: 'choose another path, or pass --overwrite to replace it (a reviewed policy would be lost)' }]);
  }
}

function existsAsFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false }) !== undefined;
}

/** Key file extensions: never overwritten, whatever they hold. */
const KEY_EXTENSIONS = new Set(['.key', '.pem', '.p12', '.pfx', '.jks', '.keystore']);

/**
 * Whether an existing file holds a key, as the key loaders read one (pseudonymize/key.ts decodeKey): one line of 32 hex
 * characters or more, one word of base64 of 40 characters or more, raw bytes (not text; 16 to 512 bytes), a PEM block —
 * or a name ending .key, .pem, .p12, .pfx, .jks or .keystore. A passphrase key file cannot be told from text: --overwrite
 * is asked for every existing file, it too.
 */
function holdsKey(path: string, size: number): boolean {
  if (KEY_EXTENSIONS.has(extname(path).toLowerCase())) return true;
  if (size === 0 || size > 4096) return false;
  const buf = Buffer.alloc(size);
  let fd: number | undefined;
  try { fd = openSync(path, 'r'); readSync(fd, buf, 0, size, 0); } catch { return false; } finally { if (fd !== undefined) closeSync(fd); }
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(buf); } catch { return size >= 16 && size <= 512; }
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text.replace(/\r?\n$/, ''))) return size >= 16 && size <= 512;
  const t = text.trim();
  if (/^-----BEGIN [A-Z0-9 ]*KEY-----/.test(t)) return true;
  if (/^[0-9a-fA-F]{32,}$/.test(t)) return true;
  return /^[A-Za-z0-9+/_-]{40,}={0,2}$/.test(t) && /[A-Z]/.test(t) && /[a-z]/.test(t) && /\d/.test(t);
}
