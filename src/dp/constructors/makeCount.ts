/**
 * makeCount: per-cell counts of kept rows (or of distinct patients) as an integer vector over the
 * public cells. Sensitivity from the bounds (L0 = k cells, L∞ = m rows, or 1 for distinct patients):
 * L1 ≤ d·k·m, L2² ≤ d²·k·m². Proof: makeCount.proof.md.
 */
import { type BoundedCellsDomain, type Transformation, precondition } from '../core.ts';
import type { BoundedCells } from './makeBoundedContributions.ts';
import { type Rational, mul, rat } from '../rational.ts';

export interface CountOptions { distinct: boolean; metric: 'l1' | 'l2sq' }

export function makeCount(inputDomain: BoundedCellsDomain, inputMetric: 'patient', opts: CountOptions): Transformation<BoundedCells, bigint[]> {
  precondition(inputDomain.kind === 'bounded-cells', 'makeCount', 'input must be bounded cells');
  precondition(inputDomain.cells !== null, 'makeCount', 'cells must be public (use a threshold mechanism for keys from the data)');
  precondition(inputMetric === 'patient', 'makeCount', 'input metric must be the patient metric');
  const G = inputDomain.cells;
  const k = BigInt(inputDomain.cellsPerPatient);
  const linf = opts.distinct ? 1n : BigInt(inputDomain.rowsPerCell);
  return Object.freeze({
    kind: 'transformation' as const,
    name: opts.distinct ? 'count-distinct-patients' : 'count-rows',
    inputDomain,
    inputMetric,
    outputDomain: { kind: 'int-vector' as const, length: G },
    outputMetric: opts.metric,
    function: (x: BoundedCells): bigint[] => {
      const counts = new Float64Array(G);
      const { cell, first } = x;
      if (opts.distinct) { for (let r = 0; r < cell.length; r++) if (first[r] === 1) counts[cell[r]!]!++; }
      else for (let r = 0; r < cell.length; r++) { const c = cell[r]!; if (c >= 0) counts[c]!++; }
      return Array.from(counts, (v) => BigInt(v));
    },
    stabilityMap: (d: Rational) => opts.metric === 'l1'
      ? mul(d, rat(k * linf))
      : mul(mul(d, d), rat(k * linf * linf)),
  });
}
