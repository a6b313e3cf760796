import type { Command } from 'commander';
import { action, numberOption } from '../run.ts';

interface ServeOptions {
  data?: string; database?: string; port?: string; host?: string; keyFile?: string; web?: string; schema?: string;
  rateLimit?: string; quiet?: boolean; auditAnchor?: string; reanchorAudit?: boolean;
}

/** `anonymat serve` — the observatory service (API + dashboard + transparency page). */
export function register(program: Command): void {
  program.command('serve')
    .description('run the observatory service: uploads, objections, projects, release gate, DP statistics, audit log, dashboard')
    .option('--data <folder>', 'embedded store folder (DuckDB file observatory.duckdb + audit-head.json)', './observatory-data')
    .option('--database <url>', 'use PostgreSQL instead of the embedded store: postgres://user@host:port/db')
    .option('--port <n>', 'TCP port (0 = any free port)', '8787')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--key-file <file>', 'observatory pseudonymization key (hex or base64, ≥ 32 bytes); else $ANONYMAT_OBSERVATORY_KEY')
    .option('--web <folder>', 'built dashboard to serve (default: web/dist of the package)')
    .option('--schema <file>', 'observatory schema (YAML/JSON: columns with roles, thresholds); default: the built-in demo schema')
    .option('--rate-limit <n>', 'requests per minute per token for ordinary routes', '600')
    .option('--audit-anchor <file>', 'where to write the audit head after each entry (default <data>/audit-head.json; none with --database unless given)')
    .option('--reanchor-audit', 'once, when the audit anchor file is missing but the log has entries: check the chain, record "anchor re-created by operator" in the audit log and anchor it there (the service refuses to start otherwise)')
    .option('--quiet', 'no access log on stderr')
    .addHelpText('after', `
Example:
  openssl rand -hex 32 > observatory.key
  anonymat serve --data ./observatory-data --key-file observatory.key --port 8787
  anonymat serve --database postgres://anonymat@127.0.0.1:5432/observatory --key-file observatory.key

On the first start the store is created (migrations run on every start) and an admin token is
printed ONCE on stdout: keep it, it is stored only as a SHA-256 hash. The key never enters the
store (only a check value, so a restart with another key is refused).
GET /api/health answers without authentication; the dashboard is at /, the public transparency
page at /transparency. The embedded store is locked by this process while it runs.
Memory: the records a release reads are held in memory while it is computed.

Audit anchor: the service does not start (exit 2) when the anchor is not a valid anchor, when the log
no longer reaches it, when the log is empty under accounts and uploads, or when the anchor file is
missing while the log has entries (deleting it would hide entries removed from the end of the log).
Restore the anchor from a copy; or, when the store never had an anchor at that path (a PostgreSQL
store run without --audit-anchor, an anchor moved to a new path), start once with --reanchor-audit:
the re-anchoring is an audit entry of its own (audit.reanchor) and is reported on stderr. Remove
the option afterwards: it is refused when there is nothing to re-create.`)
    .action(action(async (opts: ServeOptions) => {
      const { existsSync, readFileSync } = await import('node:fs');
      const { fileURLToPath } = await import('node:url');
      const { openService, listen, loadObservatoryKey, schemaSchema, DEFAULT_RATE_LIMITS } = await import('../../server/index.ts');
      const { AnonymatError } = await import('../../errors.ts');
      // (options first: a rate limit of 0, -5 or 1.5 started a service that answered 429 to every request)
      const perMinute = numberOption('rate-limit', opts.rateLimit) ?? 600;
      if (!(Number.isSafeInteger(perMinute) && perMinute >= 1)) {
        throw new AnonymatError('invalid-usage', `--rate-limit ${opts.rateLimit || '""'}: the number of requests per minute per token is a whole number of at least 1 (default 600)`, [{ path: '--rate-limit', message: 'give a positive whole number, e.g. --rate-limit 600' }]);
      }
      const key = loadObservatoryKey({ keyFile: opts.keyFile });
      let schema;
      if (opts.schema) {
        const { parseYaml } = await import('../../util/yaml.ts');
        const { policyErrorMap } = await import('../../policy/schema.ts');
        const z = await import('zod');
        // (strict, as the policy's sections are: a misspelled key — "tresholds", "suppresionLimit", "maxProsecutorrisk", a
        // column's "kidn" — was ignored, its default silently used, or reported as the right key missing; it is named, with
        // the nearest valid key, by the policy's own message)
        const { columns, thresholds } = schemaSchema.shape;
        const strictSchema = schemaSchema.extend({ columns: z.record(z.string(), columns.valueType.strict()), thresholds: thresholds.strict() }).strict();
        const r = strictSchema.safeParse(parseYaml(readFileSync(opts.schema, 'utf8')), { error: policyErrorMap });
        if (!r.success) throw new AnonymatError('invalid-policy', `the schema ${opts.schema} does not validate`, r.error.issues.map((i) => ({ path: `${opts.schema}:$${i.path.map((k) => `.${String(k)}`).join('')}`, message: i.message })));
        schema = r.data;
      }
      const port = numberOption('port', opts.port) ?? 8787;
      if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new AnonymatError('invalid-usage', `--port ${opts.port}: a TCP port is an integer from 0 to 65535 (0: any free port)`);
      const defaultWeb = fileURLToPath(new URL('../../../web/dist', import.meta.url));
      const webDir = opts.web ?? (existsSync(defaultWeb) ? defaultWeb : null);
      const service = await openService({
        data: opts.database ? undefined : opts.data, database: opts.database, key, schema, webDir,
        log: opts.quiet ? () => undefined : (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
        rateLimits: { windowMs: 60_000, limits: { ...DEFAULT_RATE_LIMITS.limits, default: perMinute } },
        fault: process.env.ANONYMAT_FAULT ?? null,
        ...(opts.auditAnchor ? { auditAnchor: opts.auditAnchor } : {}),
        ...(opts.reanchorAudit ? { reanchorAudit: true } : {}),
      });
      // (on stderr even with --quiet: an operator's repair of the audit trail is not access log)
      if (service.reanchored) {
        const { file, previousHead, entry } = service.reanchored;
        process.stderr.write(`anonymat serve: --reanchor-audit: the audit anchor ${file} was missing; the log (head #${previousHead.seq}) verified as a chain and is anchored anew at entry #${entry.seq} (audit.reanchor, "anchor re-created by operator"). Remove --reanchor-audit from the next starts.\n`);
      }
      // (the first admin's token is printed as soon as the store holds it: a start that then fails to listen does not lose it)
      if (service.bootstrapToken) {
        process.stdout.write(`admin token (shown once, stored only hashed): ${service.bootstrapToken}\n`);
      }
      let listening: Awaited<ReturnType<typeof listen>>;
      try { listening = await listen(service, port, opts.host); } catch (e) {
        await service.close().catch(() => undefined);
        const code = (e as NodeJS.ErrnoException).code;
        throw new AnonymatError('invalid-usage', code === 'EADDRINUSE' ? `port ${port} on ${opts.host ?? '127.0.0.1'} is in use: choose another with --port (0: any free port)`
          : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `cannot listen on ${opts.host}: no such address on this machine (--host)`
            : code === 'EACCES' ? `port ${port} needs privileges: choose a port above 1023` : `cannot listen on ${opts.host ?? '127.0.0.1'}:${port} (${code ?? (e as Error).message})`, [], { cause: e });
      }
      const { url, stop } = listening;
      process.stdout.write(`anonymat serve: listening on ${url} (store: ${service.store.kind})\n`);
      process.stdout.write(`dashboard: ${url}/${webDir ? '' : '  (not built: npm run build:web)'}\ntransparency page: ${url}/transparency\n`);
      await new Promise<void>((resolve) => {
        const shutdown = () => { resolve(); };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
      process.stderr.write('anonymat serve: stopping\n');
      await stop();
      await service.close();
      return 0;
    }));
}
