import type { Command } from 'commander';
import { action, printJson } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

interface Opts {
  lang?: string; replacement?: string; policy?: string; keyFile?: string; personId?: string; output?: string;
  keep?: string; json?: boolean;
}

const LABELS = ['NAME', 'DATE', 'BIRTHDATE', 'PHONE', 'EMAIL', 'NIR', 'ADDRESS', 'ZIP', 'CITY', 'IPP', 'NDA', 'MRN', 'RPPS', 'ID', 'AGE', 'URL', 'IP', 'IBAN', 'SSN', 'HOSPITAL'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `anonymat redact` — de-identifies clinical free text (French and English). */
export function register(program: Command): void {
  program.command('redact')
    .description('De-identify clinical free text (names, dates, phones, NIR, e-mails, addresses, IPP/NDA, ages over 89…)')
    .argument('<files...>', 'text files (UTF-8); - reads stdin')
    .option('--lang <lang>', 'fr, en or auto (per file, from function words)', 'auto')
    .option('--replacement <how>', 'tag ([NOM]), mask (***), surrogate (consistent fake values) or pseudonym (keyed token)')
    .option('--policy <file>', 'policy file: its pseudonymize.lang / textReplacement / keyEnv are used')
    .option('--key-file <file>', 'key for pseudonym replacement and reproducible surrogates (else env ANONYMAT_KEY when set)')
    .option('--person-id <id>', 'with a key: surrogates and date shifts consistent for this person across files')
    .option('--keep <labels>', `comma-separated labels left in place (${LABELS.join(', ')})`)
    .option('-o, --output <path>', 'output file (one input) or directory (several inputs); default: stdout')
    .option('--json', 'print spans (offsets and labels only, never the text) and counts per label as JSON')
    .addHelpText('after', `
Examples:
  anonymat redact compte-rendu.txt                          # → stdout, tags like [NOM], [DATE], [TEL]
  cat note.txt | anonymat redact - --lang en --replacement mask
  anonymat redact notes/*.txt -o redacted/ --replacement surrogate --key-file secret.key --person-id 42
  anonymat redact note.txt -o note.red.txt --json           # spans and counts on stdout

Recognizers run one character pass, precompiled patterns at candidate positions and one token pass
with INSEE first-name and surname dictionaries: about 10 MB/s per core on dense French notes, 20 to
45 MB/s on others (docs/text.md). Check keys (NIR, Luhn) raise confidence but never
gate a match: mistyped numbers are redacted too. Recall is not perfect (see docs/text.md for measured
precision/recall): review before release.`)
    .action(action(async (files: string[], opts: Opts) => {
      const { redactText } = await import('../../text/index.ts');
      const ps = await import('../../pseudonymize/index.ts');
      const { writeFileAtomic } = await import('../../io/write.ts');
      const { readFile, stat } = await import('node:fs/promises');
      const { basename, join } = await import('node:path');
      let pol: { lang?: string; textReplacement?: string; keyEnv?: string } = {};
      if (opts.policy) {
        const { loadPolicy } = await import('../../policy/policy.ts');
        pol = ((await loadPolicy(opts.policy)).pseudonymize ?? {}) as typeof pol;
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
      if (replacement === 'pseudonym' && !key) throw new AnonymatError('invalid-key', 'the pseudonym replacement needs a key: --key-file <file> or the environment variable ANONYMAT_KEY (at least 32 bytes)');
      if (opts.personId !== undefined && !key) throw new AnonymatError('invalid-usage', '--person-id needs a key (--key-file) so that surrogates are consistent across files');
      let outDir: string | undefined;
      if (opts.output && files.length > 1) {
        const s = await stat(opts.output).catch(() => null);
        if (s && !s.isDirectory()) throw new AnonymatError('invalid-usage', `-o ${opts.output}: with several inputs, -o must be a directory`);
        outDir = opts.output;
      }
      const results: { input: string; output: string | null; lang: string; counts: Record<string, number>; spans: { start: number; end: number; label: string }[] }[] = [];
      for (const f of files) {
        let text: string;
        try { text = f === '-' ? await readStdin() : await readFile(f, 'utf8'); } catch {
          throw new AnonymatError('invalid-input', `cannot read ${f}: check the path`, [{ path: f, message: 'unreadable' }]);
        }
        const r = redactText(text, { lang: lang as 'fr' | 'en' | 'auto', replacement: replacement as never, key, personId: opts.personId, keep: keep as never });
        let output: string | null = null;
        if (outDir) { output = join(outDir, f === '-' ? 'stdin.txt' : basename(f)); await writeFileAtomic(output, r.text); }
        else if (opts.output) { output = opts.output; await writeFileAtomic(output, r.text); }
        else if (!opts.json) process.stdout.write(r.text);
        const counts: Record<string, number> = {};
        for (const s of r.spans) counts[s.label] = (counts[s.label] ?? 0) + 1;
        results.push({ input: f, output, lang: r.lang, counts, spans: r.spans.map((s) => ({ start: s.start, end: s.end, label: s.label })) });
      }
      if (opts.json) printJson({ replacement, files: results });
      else if (opts.output) for (const r of results) process.stderr.write(`${r.input}: ${Object.values(r.counts).reduce((a, b) => a + b, 0)} spans replaced → ${r.output}\n`);
      return 0;
    }));
}
