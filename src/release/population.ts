/**
 * The population table a policy names (`population.table`), read as the sample's quasi-identifiers are: shared by the
 * assess and anonymize pipelines.
 */
import { readTable } from '../io/read.ts';
import { readOptionsOf, resolvePolicyPath, quasiIdentifiers, type Policy } from '../policy/policy.ts';
import type { ColumnKind, Table } from '../table/table.ts';

/** Reads `population.table` (path relative to the policy) with the policy's quasi-identifier types. */
export async function readPopulationTable(policy: Policy, sample?: Table): Promise<Table | undefined> {
  const p = policy.population?.table;
  if (!p) return undefined;
  const qis = quasiIdentifiers(policy);
  const ro = readOptionsOf(policy);
  // (each quasi-identifier in the sample's type when the policy declares none: inferred apart, the population's "30.0"
  // — one decimal value among its ages — matched no sample class "30", and every class silently fell back to the sample)
  const types: Record<string, ColumnKind> = {};
  for (const n of qis) {
    const kind = ro.types?.[n] ?? sample?.columns.find((c) => c.name === n)?.kind;
    if (kind) types[n] = kind;
  }
  return readTable(resolvePolicyPath(policy, p), { ...ro, types, columns: qis });
}
