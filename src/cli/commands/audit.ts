import type { Command } from 'commander';
import { action, printJson } from '../run.ts';

/** `anonymat audit verify` — recomputes the observatory's audit hash chain. */
export function register(program: Command): void {
  const audit = program.command('audit').description('the observatory\'s audit log (append-only hash chain)');
  audit.command('verify')
    .description('recompute the audit hash chain; exit 3 if an entry was edited, removed or reordered')
    .option('--data <folder>', 'the embedded store\'s data folder (as given to "anonymat serve")')
    .option('--database <url>', 'PostgreSQL store: postgres://user@host:port/db')
    .option('--anchor <file>', 'audit anchor file (last seq + hash); default <data>/audit-head.json')
    .option('--json', 'machine-readable result')
    .addHelpText('after', `
Example:
  anonymat audit verify --data ./observatory-data
  anonymat audit verify --database postgres://anonymat@db:5432/observatory --anchor ./audit-head.json --json

The embedded store is locked by a running service: stop "anonymat serve" first, or call
GET /api/audit/verify on the running service (role dpo or admin).
Cost: reads every entry once (about 1 s per million entries).
Exit codes: 0 the chain is intact · 3 it is broken (edited, removed, reordered or truncated entries; an anchor
missing or not an anchor; an empty log in a store that holds accounts, uploads…) · 2 bad usage.`)
    .action(action(async (opts: { data?: string; database?: string; anchor?: string; json?: boolean }) => {
      const { AnonymatError } = await import('../../errors.ts');
      if (!opts.data && !opts.database) throw new AnonymatError('invalid-usage', 'give --data <folder> or --database postgres://…');
      const { join } = await import('node:path');
      const { existsSync } = await import('node:fs');
      const { openStore } = await import('../../server/store/index.ts');
      const { verifyAuditAgainst } = await import('../../server/audit.ts');
      if (opts.data && !opts.database && !existsSync(join(opts.data, 'observatory.duckdb'))) {
        throw new AnonymatError('invalid-usage', `no observatory store in ${opts.data} (expected observatory.duckdb)`, [{ path: '--data', message: 'no store' }]);
      }
      const anchorFile = opts.anchor ?? (opts.data && !opts.database ? join(opts.data, 'audit-head.json') : undefined);
      const store = await openStore({ data: opts.data, database: opts.database });
      try {
        if (opts.anchor && !existsSync(opts.anchor)) throw new AnonymatError('invalid-usage', `${opts.anchor}: no such anchor file`, [{ path: '--anchor', message: 'check the path' }]);
        // (an anchor file that holds no anchor is a problem of the log's, and an emptied log under a store that holds
        // accounts and uploads another: both were "intact")
        const result = await verifyAuditAgainst(store, anchorFile ?? null);
        // (the service writes the anchor after every append: an anchor gone from a log with entries hides a truncated tail)
        if (result.ok && anchorFile && !existsSync(anchorFile) && result.entries > 0) {
          const problem = { seq: result.head?.seq ?? 0, kind: 'anchor-missing', message: `the anchor ${anchorFile} is missing: entries removed from the end of the log would not show; restore the anchor from a copy kept outside the data folder, or give it with --anchor; if this store never had an anchor there (a PostgreSQL store run without --audit-anchor, an anchor moved) — the chain itself verifies —, start the service once with --reanchor-audit to anchor it anew, an audit entry of its own` };
          if (opts.json) printJson({ ...result, ok: false, problems: [...result.problems, problem] });
          else process.stdout.write(`audit log NOT PROVED WHOLE: ${result.entries} entries chain correctly, but ${problem.message}\n`);
          return 3;
        }
        if (opts.json) printJson(result);
        else if (result.ok) {
          process.stdout.write(`audit log intact: ${result.entries} entries, head ${result.head ? `#${result.head.seq} ${result.head.hash.slice(0, 16)}…` : '(empty)'}${result.anchor ? ', anchor matches' : ', no anchor'}\n`);
        } else {
          process.stdout.write(`audit log BROKEN: ${result.problems.length} problem(s) in ${result.entries} entries\n`);
          for (const p of result.problems) process.stdout.write(`  #${p.seq} ${p.kind}: ${p.message}\n`);
        }
        return result.ok ? 0 : 3;
      } finally { await store.close(); }
    }));
}
