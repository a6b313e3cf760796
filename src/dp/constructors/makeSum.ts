/**
 * makeSum: per-cell sums of the clamped fixed-point values minus a public centre c (default 0), or
 * of their squares, of kept rows, as an exact integer vector (grid units; squares in grid units²).
 * With B = max(|lower − c|, |upper − c|) (B² for squares): L1 ≤ d·k·m·B, L2² ≤ d²·k·m²·B².
 * Proof: makeSum.proof.md.
 */
import { type BoundedCellsDomain, type Transformation, precondition } from '../core.ts';
import type { BoundedCells } from './makeBoundedContributions.ts';
import { type Rational, mul, rat } from '../rational.ts';

export interface SumOptions {
  metric: 'l1' | 'l2sq';
  squares?: boolean;
  /** Public centre subtracted from every value before summing (grid units; shrinks B). */
  center?: bigint;
}

export function makeSum(inputDomain: BoundedCellsDomain, inputMetric: 'patient', opts: SumOptions): Transformation<BoundedCells, bigint[]> {
  precondition(inputDomain.kind === 'bounded-cells' && inputDomain.value !== undefined, 'makeSum', 'input must be bounded cells with a clamped value (chain makeClamp first)');
  precondition(inputDomain.cells !== null, 'makeSum', 'cells must be public');
  precondition(inputMetric === 'patient', 'makeSum', 'input metric must be the patient metric');
  const G = inputDomain.cells;
  const center = opts.center ?? 0n;
  const lower = inputDomain.value.lower - center, upper = inputDomain.value.upper - center;
  const absL = lower < 0n ? -lower : lower, absU = upper < 0n ? -upper : upper;
  const cn = Number(center);
  const B0 = absL > absU ? absL : absU;
  const B = opts.squares ? B0 * B0 : B0;
  const k = BigInt(inputDomain.cellsPerPatient), m = BigInt(inputDomain.rowsPerCell);
  return Object.freeze({
    kind: 'transformation' as const,
    name: `${opts.squares ? 'sum-of-squares' : 'sum'}${center !== 0n ? `(centre ${center})` : ''}`,
    inputDomain,
    inputMetric,
    outputDomain: { kind: 'int-vector' as const, length: G },
    outputMetric: opts.metric,
    function: (x: BoundedCells): bigint[] => {
      const v = x.data.value!;
      const codes = v.column.codes, units = v.unitsOfCode;
      const { cell } = x;
      // exact: Number accumulation while |sum| < 2^53 is guaranteed, BigInt otherwise
      const fits = Number(B) * cell.length < 2 ** 53;
      if (fits) {
        const s = new Float64Array(G);
        for (let r = 0; r < cell.length; r++) {
          const c = cell[r]!; if (c < 0) continue;
          const u = units[codes[r]!]! - cn; // exact: |u| ≤ B < 2^53
          s[c]! += opts.squares ? u * u : u;
        }
        return Array.from(s, (t) => BigInt(t));
      }
      const s: bigint[] = new Array(G).fill(0n);
      for (let r = 0; r < cell.length; r++) {
        const c = cell[r]!; if (c < 0) continue;
        const u = BigInt(units[codes[r]!]!) - center;
        s[c]! += opts.squares ? u * u : u;
      }
      return s;
    },
    stabilityMap: (d: Rational) => opts.metric === 'l1'
      ? mul(d, rat(k * m * B))
      : mul(mul(d, d), rat(k * m * m * B * B)),
  });
}
