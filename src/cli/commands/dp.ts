import type { Command } from 'commander';
import { action, printJson } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

/**
 * `anonymat dp query|budget` — differential privacy for study statistics (docs/dp.md).
 * Heavy modules are imported inside the actions.
 */
interface QueryCliOptions { query: string; ledger: string; client: string; dataset?: string; json?: boolean; format?: string; delimiter?: string }
interface BudgetCliOptions {
  ledger: string; client?: string; dataset?: string; json?: boolean;
  allocateRho?: string; allocateEpsilon?: string; allocateDelta?: string;
}

async function readDoc(path: string, what: string): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch {
    throw new AnonymatError('invalid-usage', `cannot read the ${what} file ${path}`, [{ path, message: 'check the path' }]);
  }
  if (/\.ya?ml$/i.test(path)) {
    const { parseYaml } = await import('../../util/yaml.ts');
    try { return parseYaml(text); } catch (e) { throw new AnonymatError('invalid-usage', `the ${what} file ${path} is not valid YAML`, [{ path, message: String((e as Error).message).split('\n')[0]! }]); }
  }
  try { return JSON.parse(text); } catch (e) {
    throw new AnonymatError('invalid-usage', `the ${what} file ${path} is not valid JSON`, [{ path, message: String((e as Error).message) }]);
  }
}

async function loadQuery(arg: string): Promise<unknown> {
  if (arg.trimStart().startsWith('{')) {
    try { return JSON.parse(arg); } catch (e) {
      throw new AnonymatError('invalid-query', 'the --query text is not valid JSON', [{ path: '--query', message: String((e as Error).message) }]);
    }
  }
  return readDoc(arg, 'query');
}

async function findDescriptor(data: string, explicit?: string): Promise<string> {
  if (explicit) return explicit;
  const { access } = await import('node:fs/promises');
  const base = data.replace(/\.(csv|tsv|tab|parquet|jsonl|ndjson|json)$/i, '');
  for (const c of [`${base}.dp.json`, `${base}.dp.yaml`, `${base}.dp.yml`]) {
    try { await access(c); return c; } catch { /* next */ }
  }
  // (no descriptor beside a file that is not there: the file is what is missing)
  try { await access(data); } catch (e) {
    throw new AnonymatError('invalid-input', `${data}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path`);
  }
  throw new AnonymatError('invalid-usage', 'no data-set descriptor found', [
    { path: '--dataset', message: `give --dataset <file>, or put ${base}.dp.json (or .dp.yaml) beside the data (docs/dp.md "Data-set descriptor")` },
  ]);
}

function fmt(v: number | null): string {
  if (v === null) return '—';
  return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, '');
}

export function register(program: Command): void {
  const dp = program.command('dp').description('Differential privacy: answer statistics with exact noise under a per-client budget ledger');

  dp.command('query')
    .description('Answer one DP query (JSON) on a data set, charging the client\'s budget; refused queries spend nothing and exit 3')
    .argument('<data>', 'CSV/TSV, Parquet or JSON Lines file')
    .requiredOption('-q, --query <json|file>', 'the query as JSON text or a .json/.yaml file (docs/dp.md "Query language")')
    .requiredOption('-l, --ledger <file>', 'budget ledger (DuckDB file; created if absent)')
    .requiredOption('-c, --client <id>', 'the client whose budget is charged')
    .option('-d, --dataset <file>', 'data-set descriptor (JSON/YAML: name, privacyUnit, type, bounds, keys); default <data>.dp.json or .dp.yaml')
    .option('--format <fmt>', 'input format: csv, tsv, parquet, jsonl or json (default: from the extension)')
    .option('--delimiter <char>', 'CSV delimiter (CSV input only: a .tsv file or --format tsv is tab-separated)')
    .option('--json', 'print the full answer as JSON on stdout')
    .addHelpText('after', `
Example:
  anonymat dp budget --ledger budget.duckdb --client lab-7 --dataset patients --allocate-rho 1/2 --allocate-delta 1e-9
  anonymat dp query patients.csv --dataset patients.dp.json --ledger budget.duckdb --client lab-7 \\
    --query '{"select":[{"count":"patients"}],"from":"patients","where":{"sex":"F"},"groupBy":["ageBand"],"epsilon":"1/2"}'

Exit codes: 0 answered · 2 invalid query or input · 3 refused (no budget allocated to the client, or not enough left; nothing spent).
Costs: memory ≈ the data set as dictionary codes plus 9 bytes per row; time is one pass over the
rows per statistic (≈ 10–30 ms per million rows after loading).`)
    .action(action(async (data: string, o: QueryCliOptions) => {
      const [{ readTable, formatOf }, dpm] = await Promise.all([import('../../io/read.ts'), import('../../dp/index.ts')]);
      // (a TSV file is read tab-separated, a Parquet or JSON file has no delimiter: --delimiter was ignored without a word)
      const format = formatOf(data === '-' ? 'stdin.csv' : data, o.format as 'csv' | undefined);
      if (o.delimiter !== undefined && format !== 'csv' && !(format === 'tsv' && o.delimiter === '\t')) {
        throw new AnonymatError('invalid-usage', `--delimiter applies to CSV input only; this input is read as ${format}${o.format ? ' (--format)' : ' (its extension)'}${format === 'tsv' ? ', always tab-separated' : ''}`, [
          { path: '--delimiter', message: format === 'tsv' ? 'drop --delimiter, or give --format csv with --delimiter for another separator' : 'drop --delimiter' },
        ]);
      }
      const queryDoc = await loadQuery(o.query);
      const descPath = await findDescriptor(data, o.dataset);
      const dataset = dpm.parseDescriptor(await readDoc(descPath, 'data-set descriptor'), descPath);
      dpm.parseQuery(queryDoc); // fail fast on an invalid query, before reading the data
      // (every column read as text, each value converted on its own by the query: a type inferred from the whole column
      // would let one patient's "2.5" or "2020-02-30" change how every other patient's value reads)
      const read = await readTable(data, {
        ...(o.format ? { format: o.format as 'csv' } : {}), ...(o.delimiter ? { delimiter: o.delimiter } : {}), infer: false,
      });
      // (a JSON table's columns are the keys its records hold: a key only one patient has made a query on it answered and
      // charged with that patient, refused "unknown column" for free without — a column the query or the descriptor names
      // and the records lack is a column with every value missing)
      const table = format === 'json' || format === 'jsonl' ? withNamedColumns(read, [...queryColumns(dpm.parseQuery(queryDoc)), dataset.privacyUnit, ...Object.keys(dataset.columns ?? {})]) : read;
      const ledger = await dpm.openLedger(o.ledger);
      let out;
      try { out = await dpm.runQuery(table, queryDoc, { dataset, ledger, client: o.client }); } finally { ledger.close(); }
      if (o.json) printJson(out);
      if (out.status === 'refused') {
        const unit = out.budget.measure === 'zcdp' ? 'ρ' : 'ε';
        process.stderr.write(`refused: ${out.reason}. The query costs ${unit} = ${out.cost.amount}${out.cost.delta !== '0' ? `, δ = ${out.cost.delta}` : ''}; `
          + `remaining for client "${out.client}" on "${out.dataset}": ${unit} = ${out.budget.remaining} (≈ ${fmt(out.budget.approx.remaining)}), δ = ${out.budget.remainingDelta}. Nothing was spent.\n`);
        return 3;
      }
      if (o.json) return 0;
      const lines: string[] = [];
      if (!out.differentialPrivacy) {
        lines.push(`NOTICE: ${out.notice}`);
        for (const r of out.results) {
          lines.push('', `${r.statistic} (threshold ${r.threshold}; suppressed: ${r.suppressedCells.primary} primary, ${r.suppressedCells.secondary} secondary)`);
          for (const c of [...r.cells, ...r.rowTotals, ...r.columnTotals]) {
            const key = Object.entries(c.key).map(([k, v]) => `${k}=${v ?? '(missing)'}`).join(' ');
            lines.push(`  ${key || '(all)'}\t${c.value ?? `[suppressed: ${c.suppressed}]`}`);
          }
          lines.push(`  total\t${r.total.value ?? '[suppressed]'}`);
        }
        process.stdout.write(lines.join('\n') + '\n');
        return 0;
      }
      if (out.partitionSelection) {
        const p = out.partitionSelection;
        lines.push(`groups from the data: ${p.groupsReleased} released by ${p.mechanism} (threshold ${p.threshold}, ε = ${p.epsilon}, δ = ${p.delta})`);
      }
      for (const r of out.results) {
        const priv = r.privacy.epsilon ? `ε = ${r.privacy.epsilon}` : `ρ = ${r.privacy.rho}`;
        const noise = Object.entries(r.noise).filter(([k]) => !/Approx|stddev/.test(k)).map(([k, v]) => `${k} ${v}`).join(', ');
        lines.push('', `${r.statistic} — ${r.mechanism} (${noise}; ${priv}); ${Math.round(r.confidence * 100)}% intervals`);
        r.rows.forEach((row, i) => {
          const key = Object.entries(row.key).map(([k, v]) => `${k}=${v ?? '(missing)'}`).join(' ');
          const ci = row.ci ? `[${fmt(row.ci[0])}, ${fmt(row.ci[1])}]` : r.rankAccuracy ? `(rank within ±${r.rankAccuracy[i]} rows)` : '';
          lines.push(`  ${key || '(all)'}\t${fmt(row.value)}\t${ci}`);
        });
        if (r.note) lines.push(`  note: ${r.note}`);
      }
      const b = out.budget!;
      const unit = b.measure === 'zcdp' ? 'ρ' : 'ε';
      lines.push('', `charged ${unit} = ${out.cost!.amount}${out.cost!.delta !== '0' ? `, δ = ${out.cost!.delta}` : ''}; remaining ${unit} = ${b.remaining} (≈ ${fmt(b.approx.remaining)}), δ = ${b.remainingDelta}`);
      process.stdout.write(lines.join('\n').replace(/^\n/, '') + '\n');
      return 0;
    }));

  dp.command('budget')
    .description('Show the budget ledger (spent and remaining per client and data set), or allocate a budget')
    .requiredOption('-l, --ledger <file>', 'budget ledger (DuckDB file; created by the first allocation)')
    .option('-c, --client <id>', 'only this client (required to allocate)')
    .option('-d, --dataset <name>', 'only this data set (its descriptor name; required to allocate)')
    .option('--allocate-rho <ρ>', 'set a zCDP budget ρ for --client on --dataset (exact: "1/2", "0.5")')
    .option('--allocate-epsilon <ε>', 'set a pure-DP budget ε instead')
    .option('--allocate-delta <δ>', 'δ budget for partition selection (group-by without public keys), e.g. 1e-9')
    .option('--json', 'print JSON on stdout')
    .addHelpText('after', `
Examples:
  anonymat dp budget --ledger budget.duckdb --client lab-7 --dataset patients --allocate-rho 1/2 --allocate-delta 1e-9
  anonymat dp budget --ledger budget.duckdb --json

ρ-budgets are shown with their (ε, δ = 1e-6) equivalent (Canonne–Kamath–Steinke 2020, display only).`)
    .action(action(async (o: BudgetCliOptions) => {
      const dpm = await import('../../dp/index.ts');
      const alloc = o.allocateRho ?? o.allocateEpsilon;
      if (o.allocateRho && o.allocateEpsilon) throw new AnonymatError('invalid-usage', 'give --allocate-rho or --allocate-epsilon, not both');
      if ((alloc || o.allocateDelta) && (!o.client || !o.dataset)) {
        throw new AnonymatError('invalid-usage', 'allocating needs --client and --dataset', [{ path: '--client', message: 'name the client and the data set' }]);
      }
      const parse = (v: string, flag: string) => {
        const r = dpm.parseRational(v);
        if (!r || r.num < 0n) throw new AnonymatError('invalid-usage', `${flag} expects a non-negative number such as 1/2, 0.5 or 1e-9`, [{ path: flag, message: 'an exact number' }]);
        return r;
      };
      // (showing a ledger that does not exist would create an empty one: a mistyped path is an error; allocating creates it)
      if (!(alloc || o.allocateDelta)) {
        const { existsSync } = await import('node:fs');
        if (!existsSync(o.ledger)) throw new AnonymatError('invalid-input', `${o.ledger}: no such ledger`, [{ path: '--ledger', message: 'check the path; a ledger is created by its first allocation (--allocate-rho or --allocate-epsilon)' }]);
      }
      const ledger = await dpm.openLedger(o.ledger);
      try {
        if (alloc || o.allocateDelta) {
          const cur = await ledger.get(o.client!, o.dataset!);
          if (!alloc && !cur) throw new AnonymatError('invalid-usage', '--allocate-delta alone needs an existing allocation; add --allocate-rho or --allocate-epsilon');
          const measure = o.allocateEpsilon ? 'pure-dp' : o.allocateRho ? 'zcdp' : cur!.measure;
          const total = alloc ? parse(alloc, o.allocateRho ? '--allocate-rho' : '--allocate-epsilon') : dpm.parseRational(cur!.total)!;
          const delta = o.allocateDelta ? parse(o.allocateDelta, '--allocate-delta') : cur ? dpm.parseRational(cur.totalDelta)! : undefined;
          await ledger.allocate(o.client!, o.dataset!, { measure, total, ...(delta ? { delta } : {}) });
        }
        const rows = await ledger.list({ ...(o.client ? { client: o.client } : {}), ...(o.dataset ? { dataset: o.dataset } : {}) });
        if (o.json) { printJson({ allocations: rows }); return 0; }
        if (!rows.length) { process.stdout.write('no allocation in this ledger\n'); return 0; }
        const lines = ['client\tdataset\tmeasure\ttotal\tspent\tremaining\tδ remaining\t(ε, δ) spent'];
        for (const r of rows) {
          const unit = r.measure === 'zcdp' ? 'ρ' : 'ε';
          const eq = r.spentAsApproxDp ? `(${r.spentAsApproxDp.epsilon}, ${r.spentAsApproxDp.delta.toExponential(2)})` : `(${fmt(r.approx.spent)}, ${r.spentDelta})`;
          lines.push(`${r.client}\t${r.dataset}\t${unit}\t${r.total}\t${r.spent}\t${r.remaining} (≈ ${fmt(r.approx.remaining)})\t${r.remainingDelta}\t${eq}`);
        }
        // (a ρ spent is shown as the (ε, δ) it implies at δ = 1e-6, beside the δ of partition selection: two different δ)
        if (rows.some((r) => r.measure === 'zcdp')) lines.push('(ε, δ) spent: for ρ budgets, the ρ spent converted to (ε, δ) at δ = 1e-6 for comparison (display only); "δ remaining" is the partition-selection budget');
        process.stdout.write(lines.join('\n') + '\n');
        return 0;
      } finally { ledger.close(); }
    }));
}

/** The columns a query names: its statistics', conditions', groups', keys' and bounds'. */
function queryColumns(q: import('../../dp/schema.ts').Query): string[] {
  const names: string[] = [];
  for (const item of q.select) for (const [k, v] of Object.entries(item)) if (k !== 'count' && k !== 'bins' && k !== 'q' && k !== 'grid' && typeof v === 'string') names.push(v);
  names.push(...Object.keys(q.where ?? {}), ...(q.groupBy ?? []), ...Object.keys(q.keys ?? {}), ...Object.keys(q.bounds ?? {}));
  return names;
}

/** The table with each of `names` it lacks added as a text column whose every value is missing. */
function withNamedColumns(table: import('../../table/table.ts').Table, names: readonly string[]): import('../../table/table.ts').Table {
  const missing = [...new Set(names)].filter((n) => !table.columns.some((c) => c.name === n));
  if (!missing.length) return table;
  return { rowCount: table.rowCount, columns: [...table.columns, ...missing.map((name) => ({ name, kind: 'string' as const, codes: new Int32Array(table.rowCount), dictionary: [null], missing: 0 }))] };
}
