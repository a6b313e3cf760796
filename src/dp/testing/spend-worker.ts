/** Test helper (ledger.test.ts): one process that opens the ledger file and spends once; exit 0 admitted, 3 refused. */
import { openLedger } from '../ledger.ts';
import { parseRational } from '../rational.ts';

const [file, client, dataset, amount] = process.argv.slice(2);
const l = await openLedger(file!);
const r = await l.spend(client!, dataset!, { measure: 'zcdp', amount: parseRational(amount!)!, delta: parseRational('0')! }, 'worker');
l.close();
process.exitCode = r.ok ? 0 : 3;
