import type { Command } from 'commander';
import { action, printJson, refuseOverwrites } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

interface Opts {
  lang?: string; replacement?: string; policy?: string; keyFile?: string; personId?: string; output?: string;
  keep?: string; json?: boolean; encoding?: string; progress?: boolean;
}

const LABELS = ['NAME', 'DATE', 'BIRTHDATE', 'PHONE', 'EMAIL', 'NIR', 'ADDRESS', 'ZIP', 'CITY', 'IPP', 'NDA', 'MRN', 'RPPS', 'ID', 'AGE', 'URL', 'IP', 'IBAN', 'SSN', 'HOSPITAL'];

/** Writes to a stream, waiting when its buffer is full (large inputs stay in bounded memory). */
/** A file up to this size is redacted in one go (TextRedactor's part size: a larger one is read as a stream, in bounded memory). */
const WHOLE_FILE_BYTES = 1 << 20;

async function writeOut(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (text && !out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/** `anonymat redact` — de-identifies clinical free text (French and English). */
export function register(program: Command): void {
  program.command('redact')
    .description('De-identify clinical free text (names, dates, phones, NIR, e-mails, addresses, IPP/NDA, ages over 89…)')
    .argument('<files...>', 'text files (UTF-8, or see --encoding); - reads stdin')
    .option('--lang <lang>', 'fr, en or auto (per file, from function words)', 'auto')
    .option('--replacement <how>', 'tag ([NOM]), mask (***), surrogate (consistent fake values) or pseudonym (keyed token)')
    .option('--policy <file>', 'policy file: its pseudonymize.lang / textReplacement / keyEnv are used (columns may be left out)')
    .option('--key-file <file>', 'key for pseudonym replacement and reproducible surrogates (else env ANONYMAT_KEY when set)')
    .option('--person-id <id>', 'with a key: surrogates and date shifts consistent for this person across files')
    .option('--encoding <enc>', 'utf-8 (checked: invalid bytes are an error with their line) or latin-1 (read as Windows-1252); a UTF-16 file is recognized by its byte-order mark; the output is UTF-8', 'utf-8')
    .option('--keep <labels>', `comma-separated labels left in place (${LABELS.join(', ')})`)
    .option('-o, --output <path>', 'output file (one input), or folder (several inputs: created if missing; one input: a path ending with / or an existing folder); default or -: stdout')
    .option('--json', 'print spans (offsets in UTF-16 code units and labels only, never the text) and counts per label as JSON')
    .option('--no-progress', 'no progress bar on stderr (drawn on a terminal when redaction takes longer than a second: MB read of the files)')
    .addHelpText('after', `
Examples:
  anonymat redact compte-rendu.txt                          # → stdout, tags like [NOM], [DATE], [TEL]
  cat note.txt | anonymat redact - --lang en --replacement mask
  anonymat redact notes/*.txt -o redacted/ --replacement surrogate --key-file secret.key --person-id 42
  anonymat redact note.txt -o note.red.txt --json           # spans and counts on stdout
  anonymat redact export-windows.txt --encoding latin-1     # a Latin-1 / Windows-1252 file

Recognizers run one character pass, precompiled patterns at candidate positions and one token pass
with INSEE first-name and surname dictionaries: about 3.5 to 5.5 MB/s per core on identifier-dense
French notes (26 per KB), 11 to 27 MB/s on others (docs/text.md). Inputs are read and redacted piece by piece (parts of about 1 MB
cut at blank lines, one replacer per input): memory stays flat however large the file or stdin.
Check keys (NIR, Luhn) raise confidence but never gate a match: mistyped numbers are redacted too. Recall is not perfect (see docs/text.md for measured
precision/recall): review before release.`)
    .action(action(async (files: string[], opts: Opts) => {
      const { TextRedactor } = await import('../../text/index.ts');
      const { PieceDecoder, textEncodingOf } = await import('../../io/text-decode.ts');
      const encoding = textEncodingOf(opts.encoding);
      const ps = await import('../../pseudonymize/key.ts');
      const { withAtomicFile, withAtomicFiles } = await import('../../io/write.ts');
      const { access, stat } = await import('node:fs/promises');
      const { constants: fsConstants, createReadStream, createWriteStream, readFileSync, writeFileSync } = await import('node:fs');
      const { finished } = await import('node:stream/promises');
      const { basename, join } = await import('node:path');
      let pol: { lang?: string; textReplacement?: string; keyEnv?: string } = {};
      if (opts.policy) {
        const { loadPolicy } = await import('../../policy/policy.ts');
        pol = ((await loadPolicy(opts.policy, { textOnly: true })).pseudonymize ?? {}) as typeof pol;
      }
      const lang = (opts.lang !== 'auto' ? opts.lang : pol.lang) ?? 'auto';
      if (!['fr', 'en', 'auto'].includes(lang)) throw new AnonymatError('invalid-usage', '--lang expects fr, en or auto');
      const replacement = opts.replacement ?? pol.textReplacement ?? 'tag';
      if (!['tag', 'mask', 'surrogate', 'pseudonym'].includes(replacement)) throw new AnonymatError('invalid-usage', '--replacement expects tag, mask, surrogate or pseudonym');
      const keep = opts.keep ? opts.keep.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) : [];
      const unknown = keep.filter((l) => !LABELS.includes(l));
      if (unknown.length) throw new AnonymatError('invalid-usage', `--keep: unknown label(s) ${unknown.join(', ')}; known: ${LABELS.join(', ')}`);
      const keyEnv = pol.keyEnv ?? ps.DEFAULT_KEY_ENV;
      const key = opts.keyFile || process.env[keyEnv] ? ps.loadKey({ keyFile: opts.keyFile, keyEnv }) : undefined;
      if (replacement === 'pseudonym' && !key) throw new AnonymatError('invalid-key', `the pseudonym replacement needs a key: --key-file <file> or the environment variable ${keyEnv} (at least 32 bytes)`);
      if (opts.personId !== undefined && !key) throw new AnonymatError('invalid-usage', '--person-id needs a key (--key-file) so that surrogates are consistent across files');
      // ("-o -" is standard output, as "-" is standard input: it wrote a file named "-")
      const output = opts.output === '-' || opts.output === '' ? undefined : opts.output;
      // (the key given to -o by mistake was printed as the output's name and became a file's name: refused unshown, as the
      // other options' key-like arguments are)
      if (output !== undefined && ps.mayBeKeyText(output)) {
        throw new AnonymatError('invalid-usage', '-o given (not shown: it looks like key material — pass the path of the output file or folder, not the key)', [{ path: '-o', message: 'may be key material' }]);
      }
      // (a folder for several inputs, and for one when -o names a folder — "notes/*.txt -o redacted/" of a glob that matched one file)
      let outDir: string | undefined;
      const outStat = output === undefined ? null : await stat(output).catch(() => null);
      if (output !== undefined && (files.length > 1 || /[/\\]$/.test(output) || outStat?.isDirectory())) {
        if (outStat && !outStat.isDirectory()) throw new AnonymatError('invalid-usage', `-o ${output}: with several inputs, -o must be a directory`);
        outDir = output;
      }
      const results: { input: string; output: string | null; lang: string; counts: Record<string, number>; spans: { start: number; end: number; label: string }[] }[] = [];
      // (into a folder, the outputs are written all or none: a failing input leaves none of them)
      const folderOutputs = outDir ? files.map((f) => join(outDir!, f === '-' ? 'stdin.txt' : basename(f))) : null;
      // (standard input is read once; two inputs of one name would be written to one output file)
      if (files.filter((f) => f === '-').length > 1) throw new AnonymatError('invalid-usage', 'standard input (-) is given twice: it can be read once');
      // (no output may overwrite an input, a key, the policy or another output: "-o note.txt" of note.txt destroyed it)
      refuseOverwrites(folderOutputs ? folderOutputs.map((o) => ['-o', o] as [string, string]) : [['-o', output]],
        [...files.map((f) => ['input', f] as [string, string]), ['--policy', opts.policy], ['--key-file', opts.keyFile]]);
      // (every input is a readable file before anything is written: to standard output, the first file's text went out
      // before the second was found missing)
      for (const f of files) {
        if (f === '-') continue;
        const st = await stat(f).catch(() => null);
        if (!st || !st.isFile()) throw new AnonymatError('invalid-input', `cannot read ${f}: check the path`, [{ path: f, message: st ? 'not a file' : 'no such file' }]);
        await access(f, fsConstants.R_OK).catch((e: Error) => { throw new AnonymatError('invalid-input', `cannot read ${f}: ${e.message}`, [{ path: f, message: 'unreadable' }]); });
      }
      // (to standard output, nothing can be taken back: every input file is decoded once before anything is written, so
      // that a byte that is not UTF-8 — in the last part of a large file, or in the second of two files — stops the run
      // with nothing written, as it does with -o; standard input cannot be read twice: its parts are written as they come)
      if (!output && !opts.json) {
        for (const f of files) {
          if (f === '-') continue;
          const check = new PieceDecoder(f, encoding);
          try { for await (const piece of createReadStream(f)) check.push(piece as Buffer); } catch (e) {
            if (e instanceof AnonymatError) throw e;
            throw new AnonymatError('invalid-input', `cannot read ${f}: ${(e as Error).message}`, [{ path: f, message: 'unreadable' }]);
          }
          check.end();
        }
      }
      // (a progress bar in MB of the input files, standard input counted as it comes)
      const { progressBar } = await import('../progress.ts');
      // (not when the redacted text itself goes to the terminal: the bar would be drawn into it)
      const bar = await progressBar('redact (MB)', opts.progress !== false && !(!output && !opts.json && process.stdout.isTTY));
      let bytesInAll = 0, bytesDone = 0;
      // (the inputs' sizes only when a bar is drawn)
      if (bar.onProgress) for (const f of files) if (f !== '-') bytesInAll += (await stat(f).catch(() => null))?.size ?? 0;
      const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
      const advance = (n: number): void => { bytesDone += n; bar.onProgress?.(mb(bytesDone), Math.max(mb(bytesInAll), mb(bytesDone))); };
      const redactOne = async (f: string, tmpOut: string | null): Promise<void> => {
        let size = Infinity;
        if (f !== '-') {
          const st = await stat(f).catch(() => null);
          if (!st || !st.isFile()) throw new AnonymatError('invalid-input', `cannot read ${f}: check the path`, [{ path: f, message: st ? 'not a file' : 'no such file' }]);
          size = st.size;
        }
        // read and redacted piece by piece: a large file or standard input stays in bounded memory
        // (parts of about 1 MB cut at blank lines, one replacer for the whole input)
        const redactor = new TextRedactor({ lang: lang as 'fr' | 'en' | 'auto', replacement: replacement as never, key, personId: opts.personId, keep: keep as never, keepSpans: opts.json === true });
        const decoder = new PieceDecoder(f === '-' ? '<stdin>' : f, encoding);
        const unreadable = (e: unknown): AnonymatError => e instanceof AnonymatError ? e
          : new AnonymatError('invalid-input', `cannot read ${f}: ${(e as Error).message}`, [{ path: f, message: 'unreadable' }]);
        // (a file of one part at most is read and written at once, without a stream: a folder of many short notes paid
        // ~1.8 ms per file in the streams' round trips, more than the redaction of a 500-byte note; the output is the
        // same, TextRedactor's does not depend on how its input arrives)
        const whole = size <= WHOLE_FILE_BYTES;
        const wholeText = (): string => {
          let bytes: Buffer;
          try { bytes = readFileSync(f); } catch (e) { throw unreadable(e); }
          const text = redactor.push(decoder.push(bytes)) + redactor.push(decoder.end()) + redactor.end();
          advance(bytes.length);
          return text;
        };
        const run = async (out: NodeJS.WritableStream | null): Promise<void> => {
          if (whole) { const t = wholeText(); if (out) await writeOut(out, t); return; }
          const input = f === '-' ? process.stdin : createReadStream(f);
          try {
            for await (const piece of input) { const t = redactor.push(decoder.push(piece as Buffer)); advance((piece as Buffer).length); if (out) await writeOut(out, t); }
          } catch (e) {
            throw unreadable(e);
          }
          const t = redactor.push(decoder.end()) + redactor.end();
          if (out) await writeOut(out, t);
        };
        let written: string | null = null;
        const toFile = async (tmp: string): Promise<void> => {
          if (whole) { writeFileSync(tmp, wholeText()); return; }
          const ws = createWriteStream(tmp);
          await run(ws);
          ws.end();
          await finished(ws);
        };
        if (tmpOut !== null) { written = folderOutputs![results.length]!; await toFile(tmpOut); }
        else if (output !== undefined) { written = output; await withAtomicFile(output, toFile); }
        else await run(opts.json ? null : process.stdout);
        results.push({ input: f, output: written, lang: redactor.lang ?? (lang === 'auto' ? 'fr' : lang), counts: redactor.counts, spans: redactor.spans.map((s) => ({ start: s.start, end: s.end, label: s.label })) });
      };
      if (folderOutputs) await withAtomicFiles(folderOutputs, (i, tmp) => redactOne(files[i]!, tmp));
      else for (const f of files) await redactOne(f, null);
      bar.finish();
      if (opts.json) printJson({ replacement, files: results });
      else if (output) for (const r of results) process.stderr.write(`${r.input}: ${Object.values(r.counts).reduce((a, b) => a + b, 0)} spans replaced → ${r.output}\n`);
      return 0;
    }));
}
