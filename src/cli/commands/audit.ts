import type { Command } from 'commander';
import { action, printJson } from '../run.ts';

/** Exit code of a chain that verifies only since an operator's re-anchoring (`audit.reanchor`). */
export const EXIT_REANCHORED = 4;

/** `anonymat audit verify` — recomputes the observatory's audit hash chain. */
export function register(program: Command): void {
  const audit = program.command('audit').description('the observatory\'s audit log (append-only hash chain)');
  audit.command('verify')
    .description('recompute the audit hash chain; exit 3 if an entry was edited, removed or reordered, 4 if it is intact only since a re-anchoring (or an anchor without MAC accepted)')
    .option('--data <folder>', 'the embedded store\'s data folder (as given to "anonymat serve")')
    .option('--database <url>', 'PostgreSQL store: postgres://user@host:port/db')
    .option('--anchor <file>', 'audit anchor file (last seq + hash + MAC); default <data>/audit-head.json')
    .option('--key-file <file>', 'the observatory key (as given to "anonymat serve"), to check the anchor\'s MAC; default $ANONYMAT_OBSERVATORY_KEY if set')
    .option('--json', 'machine-readable result')
    .addHelpText('after', `
Example:
  anonymat audit verify --data ./observatory-data --key-file ./observatory.key
  anonymat audit verify --database postgres://anonymat@db:5432/observatory --anchor ./audit-head.json --json

The embedded store is locked by a running service: stop "anonymat serve" first, or call
GET /api/audit/verify on the running service (role dpo or admin).
Cost: reads every entry once (about 1 s per million entries).
The anchor carries a MAC under a key derived from the observatory key: without --key-file (or
$ANONYMAT_OBSERVATORY_KEY) it is not checked, and the result says so.
Every audit.reanchor entry (the operator re-created a missing anchor, "anonymat serve --reanchor-audit")
and every audit.anchor-keyed entry (the service accepted an anchor without MAC once: an earlier version's,
or a downgrade) is reported: entries removed from the end of the log before it could not be detected.
Exit codes: 0 the chain is intact · 4 it is intact since a re-anchoring (audit.reanchor or audit.anchor-keyed entries; the
chain before it is consistent but its end was not proved whole) · 3 it is broken (edited, removed,
reordered or truncated entries; an anchor missing, not an anchor, without its MAC or with a wrong one;
an empty log in a store that holds accounts, uploads…) · 2 bad usage, or a key that is not this store's.`)
    .action(action(async (opts: { data?: string; database?: string; anchor?: string; keyFile?: string; json?: boolean }) => {
      const { AnonymatError } = await import('../../errors.ts');
      if (!opts.data && !opts.database) throw new AnonymatError('invalid-usage', 'give --data <folder> or --database postgres://…');
      const { join } = await import('node:path');
      const { existsSync } = await import('node:fs');
      const { openStore } = await import('../../server/store/index.ts');
      const { verifyAuditAgainst, withProblems } = await import('../../server/audit.ts');
      const { auditAnchorKey, keyCheckValue, loadObservatoryKey, KEY_ENV } = await import('../../server/keys.ts');
      if (opts.data && !opts.database && !existsSync(join(opts.data, 'observatory.duckdb'))) {
        throw new AnonymatError('invalid-usage', `no observatory store in ${opts.data} (expected observatory.duckdb)`, [{ path: '--data', message: 'no store' }]);
      }
      const anchorFile = opts.anchor ?? (opts.data && !opts.database ? join(opts.data, 'audit-head.json') : undefined);
      // (the key the service reads: --key-file, else the environment variable; without either the MAC is not checked)
      const key = opts.keyFile || process.env[KEY_ENV] ? loadObservatoryKey({ keyFile: opts.keyFile }) : null;
      const store = await openStore({ data: opts.data, database: opts.database });
      try {
        if (opts.anchor && !existsSync(opts.anchor)) throw new AnonymatError('invalid-usage', `${opts.anchor}: no such anchor file`, [{ path: '--anchor', message: 'check the path' }]);
        if (key) {
          // (another key would call every anchor forged)
          const stored = await store.all('SELECT value FROM settings WHERE key = $1', ['key_check']);
          if (stored.length && stored[0]!.value !== keyCheckValue(key)) {
            throw new AnonymatError('invalid-key', `this key is not the observatory key of this store (its check value differs): the anchor's MAC cannot be checked with it`, [{ path: opts.keyFile ?? `$${KEY_ENV}`, message: 'key check value mismatch' }]);
          }
        }
        // (an anchor file that holds no anchor is a problem of the log's, and an emptied log under a store that holds
        // accounts and uploads another: both were "intact")
        let result = await verifyAuditAgainst(store, anchorFile ?? null, { macKey: key ? auditAnchorKey(key) : null });
        // (the service writes the anchor after every append: an anchor gone from a log with entries hides a truncated tail)
        if (result.ok && anchorFile && !existsSync(anchorFile) && result.entries > 0) {
          const problem = { seq: result.head?.seq ?? 0, kind: 'anchor-missing' as const, message: `the anchor ${anchorFile} is missing: entries removed from the end of the log would not show; restore the anchor from a copy kept outside the data folder, or give it with --anchor; if this store never had an anchor there (a PostgreSQL store run without --audit-anchor, an anchor moved) — the chain itself verifies —, start the service once with --reanchor-audit to anchor it anew, an audit entry of its own` };
          result = withProblems(result, [problem]);
          if (opts.json) printJson(result);
          else process.stdout.write(`audit log NOT PROVED WHOLE: ${result.entries} entries chain correctly, but ${problem.message}\n`);
          return 3;
        }
        if (opts.json) printJson(result);
        else {
          const mac = result.anchorMac === 'verified' ? ', its MAC verified'
            : result.anchorMac === 'not-checked' ? `; the anchor's MAC was NOT checked (no key: give --key-file or set ${KEY_ENV})`
              : result.anchorMac === 'absent' && result.ok ? '; the anchor carries no MAC (written by an earlier version, or over the service\'s anchor: the service adds one at its next start and records that in the log, audit.anchor-keyed, reported from then on)' : '';
          if (result.ok) {
            const head = `${result.entries} entries, head ${result.head ? `#${result.head.seq} ${result.head.hash.slice(0, 16)}…` : '(empty)'}${result.anchor ? `, anchor matches${mac}` : ', no anchor'}`;
            if (result.reanchors.length) {
              const last = result.reanchors[result.reanchors.length - 1]!;
              process.stdout.write(`audit log INTACT ONLY SINCE ENTRY #${last.seq} (re-anchored ${result.reanchors.length === 1 ? 'once' : `${result.reanchors.length} times`}): ${head}\n`);
              for (const r of result.reanchors) process.stdout.write(`  #${r.seq} ${r.action}: ${r.message}${r.osUser ? ` (OS user ${r.osUser}${r.anchorFile ? `, anchor ${r.anchorFile}` : ''})` : ''}\n`);
            } else process.stdout.write(`audit log intact: ${head}\n`);
          } else {
            process.stdout.write(`audit log BROKEN: ${result.problems.length} problem(s) in ${result.entries} entries\n`);
            for (const p of result.problems) process.stdout.write(`  #${p.seq} ${p.kind}: ${p.message}\n`);
            for (const r of result.reanchors) process.stdout.write(`  #${r.seq} ${r.action}: ${r.message}\n`);
          }
        }
        return !result.ok ? 3 : result.reanchors.length ? EXIT_REANCHORED : 0;
      } finally { await store.close(); }
    }));
}
