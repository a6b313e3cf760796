/**
 * makeClamp: round a numeric column to a public fixed-point grid (10^-scale) and clamp it to
 * public bounds [lower, upper] on that grid. Rows whose value is missing are dropped (a row-wise
 * filter). Stability: identity on the patient metric. Proof: makeClamp.proof.md.
 */
import { type PatientRowsDomain, type Transformation, precondition } from '../core.ts';
import type { PatientRows } from '../prepare.ts';
import { type Rational, parseRational, rat } from '../rational.ts';

export interface ClampOptions {
  column: string;
  /** Grid 10^-scale (0 = integers; 2 = hundredths). */
  scale: number;
  /** Bounds in grid units (exact integers): e.g. 0..12000 for 0..120.00 at scale 2. */
  lower: bigint;
  upper: bigint;
}

/** Rounds a rational to the nearest integer, halves away from zero. */
function roundHalfAway(r: Rational): bigint {
  const neg = r.num < 0n;
  const a = neg ? -r.num : r.num;
  const q = (2n * a + r.den) / (2n * r.den);
  return neg ? -q : q;
}

export function makeClamp(inputDomain: PatientRowsDomain, inputMetric: 'patient', opts: ClampOptions): Transformation<PatientRows, PatientRows> {
  precondition(inputDomain.kind === 'patient-rows' && inputDomain.value === undefined, 'makeClamp', 'input must be patient rows without a clamped value');
  precondition(inputMetric === 'patient', 'makeClamp', 'input metric must be the patient metric');
  precondition(opts.lower <= opts.upper, 'makeClamp', 'lower bound above upper bound');
  const LIM = 1n << 52n; // per-code units are stored exactly in a Float64Array
  precondition(-LIM <= opts.lower && opts.upper <= LIM, 'makeClamp', 'bounds must be within ±2^52 grid units');
  precondition(Number.isInteger(opts.scale) && opts.scale >= 0 && opts.scale <= 12, 'makeClamp', 'scale must be an integer in 0..12');
  const unit = rat(10n ** BigInt(opts.scale));
  return Object.freeze({
    kind: 'transformation' as const,
    name: `clamp(${opts.column})`,
    inputDomain,
    inputMetric,
    outputDomain: { kind: 'patient-rows' as const, value: { lower: opts.lower, upper: opts.upper, scale: opts.scale } },
    outputMetric: 'patient' as const,
    function: (data: PatientRows): PatientRows => {
      const column = data.table.columns.find((c) => c.name === opts.column)!;
      const d = column.dictionary;
      const unitsOfCode = new Float64Array(d.length);
      const present = new Uint8Array(d.length);
      for (let c = 0; c < d.length; c++) {
        const label = d[c];
        if (label === null) continue;
        let v: Rational | null;
        if (column.kind === 'date' || column.kind === 'boolean') {
          const x = column.numbers![c]!;
          v = Number.isFinite(x) ? rat(BigInt(x)) : null;
        } else {
          v = parseRational(label);
          // (an ISO date in a text column is its day since 1970-01-01, as `where` and `histogram` read it — the numbers the
          // query's views give the column: a sum, a mean, a variance, a quantile of dates treated them as missing)
          if (!v && column.numbers) { const x = column.numbers[c]!; if (Number.isSafeInteger(x)) v = rat(BigInt(x)); }
        }
        if (!v) continue; // not a number: treated as missing
        let u = roundHalfAway(rat(v.num * unit.num, v.den)); // round to the grid first …
        if (u < opts.lower) u = opts.lower; else if (u > opts.upper) u = opts.upper; // … then clamp
        unitsOfCode[c] = Number(u);
        present[c] = 1;
      }
      const codes = column.codes;
      const mask = new Uint8Array(data.table.rowCount);
      for (let r = 0; r < mask.length; r++) mask[r] = present[codes[r]!]! & (data.mask ? data.mask[r]! : 1);
      return Object.freeze({ ...data, mask, value: { column, unitsOfCode, present } });
    },
    stabilityMap: (d: Rational) => d,
  });
}
