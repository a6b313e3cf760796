/**
 * makeQuantileScores: for public sorted candidates c_1 < … < c_C (grid units) and a rational
 * quantile α = a/b, the utility of each candidate
 *   u_j = −| (b − a)·#{x < c_j} − a·#{x > c_j} |
 * over the kept rows (one public cell). Sensitivity (L∞): d·m·max(a, b − a).
 * Proof: makeQuantileScores.proof.md.
 */
import { type BoundedCellsDomain, type Transformation, precondition } from '../core.ts';
import type { BoundedCells } from './makeBoundedContributions.ts';
import { type Rational, mul, rat } from '../rational.ts';

export interface QuantileScoreOptions { candidates: bigint[]; alpha: Rational }

export function makeQuantileScores(inputDomain: BoundedCellsDomain, inputMetric: 'patient', opts: QuantileScoreOptions): Transformation<BoundedCells, bigint[]> {
  precondition(inputDomain.kind === 'bounded-cells' && inputDomain.value !== undefined, 'makeQuantileScores', 'input must be bounded cells with a clamped value');
  precondition(inputDomain.cells === 1 && inputDomain.cellsPerPatient === 1, 'makeQuantileScores', 'input must have exactly one public cell');
  precondition(inputMetric === 'patient', 'makeQuantileScores', 'input metric must be the patient metric');
  precondition(opts.alpha.num >= 0n && opts.alpha.num <= opts.alpha.den, 'makeQuantileScores', 'α must be in [0, 1]');
  precondition(opts.candidates.length >= 1, 'makeQuantileScores', 'at least one candidate');
  for (let i = 1; i < opts.candidates.length; i++) precondition(opts.candidates[i - 1]! < opts.candidates[i]!, 'makeQuantileScores', 'candidates must be strictly increasing');
  const a = opts.alpha.num, b = opts.alpha.den;
  const per = a > b - a ? a : b - a;
  const m = BigInt(inputDomain.rowsPerCell);
  const cands = opts.candidates.map(Number);
  return Object.freeze({
    kind: 'transformation' as const,
    name: `quantile-scores(${a}/${b})`,
    inputDomain,
    inputMetric,
    outputDomain: { kind: 'int-vector' as const, length: cands.length },
    outputMetric: 'linf' as const,
    function: (x: BoundedCells): bigint[] => {
      const v = x.data.value!;
      const units = v.unitsOfCode, codes = v.column.codes;
      // histogram of kept rows by dictionary code, then by grid value
      const perCode = new Float64Array(units.length);
      let n = 0;
      for (let r = 0; r < x.cell.length; r++) if (x.cell[r]! >= 0) { perCode[codes[r]!]!++; n++; }
      const vals: [number, number][] = [];
      for (let c = 0; c < perCode.length; c++) if (perCode[c]! > 0) vals.push([units[c]!, perCode[c]!]);
      vals.sort((p, q) => p[0] - q[0]);
      const out: bigint[] = [];
      let i = 0, below = 0;
      for (const c of cands) {
        while (i < vals.length && vals[i]![0] < c) { below += vals[i]![1]; i++; }
        // (every entry at c: several codes share a grid value — the values clamped to a bound, decimals rounded to the
        // grid; counting the first alone put the others "above", and one patient's new code sorting first moved them all)
        let eqc = 0;
        for (let k = i; k < vals.length && vals[k]![0] === c; k++) eqc += vals[k]![1];
        const above = n - below - eqc;
        const s = (b - a) * BigInt(below) - a * BigInt(above);
        out.push(s < 0n ? s : -s);
      }
      return out;
    },
    stabilityMap: (d: Rational) => mul(d, rat(m * per)),
  });
}
