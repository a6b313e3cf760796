/**
 * Validation of a hierarchy on its own (`validateHierarchy`) and against a data column
 * (`checkCoverage`). Both collect every issue (capped per kind) and return them; callers decide
 * whether to throw (AnonymatError 'invalid-hierarchy').
 *
 * Paths: `file:line` when the hierarchy came from a file (ARX CSV has no header, so line = row + 1),
 * else `hierarchy <column>, row <row+1>`. Messages name the column and the level. Ground values
 * (level 0) are never quoted (they are data values); labels of level ≥ 1 are generalization
 * labels and are quoted to help fixing the file.
 */
import type { Issue } from '../errors.ts';
import type { Column } from '../table/table.ts';
import type { Hierarchy } from './hierarchy.ts';

const MAX_PER_KIND = 50;

/**
 * Every structural problem of a hierarchy: levels of unequal length, empty labels, a ground value
 * with two parents, a level that is not a function of the previous one. `file` (an ARX CSV) gives
 * `file:line` paths; `source` names a hierarchy that has no file (default `hierarchy <column>`).
 */
export function validateHierarchy(h: Hierarchy, opts: { file?: string; source?: string } = {}): Issue[] {
  const whole = opts.file ?? opts.source ?? `hierarchy ${h.column}`;
  const where = (row: number) => (opts.file ? `${opts.file}:${row + 1}` : `${whole}, row ${row + 1}`);
  const issues: Issue[] = [];
  const H = h.levels.length;
  if (H === 0) return [{ path: whole, message: `column ${h.column}: the hierarchy has no level` }];
  const n = h.levels[0]!.length;
  // no row: nothing to check here; against the data, every non-missing value is then uncovered
  // (checkCoverage reports it) and a column of missing values only is fine (one synthetic row)
  if (n === 0) return [];
  for (let l = 1; l < H; l++) {
    if (h.levels[l]!.length !== n) {
      issues.push({ path: whole, message: `column ${h.column}, level ${l}: ${h.levels[l]!.length} labels for ${n} ground values; every row needs a label at every level` });
    }
  }
  if (issues.length) return issues;

  // empty labels above level 0
  let empties = 0;
  for (let l = 1; l < H && empties < MAX_PER_KIND; l++) {
    const lab = h.levels[l]!;
    for (let i = 0; i < n && empties < MAX_PER_KIND; i++) {
      if (lab[i] === '') { issues.push({ path: where(i), message: `column ${h.column}, level ${l}: empty label; give every row a label at every level` }); empties++; }
    }
  }

  // a ground value listed twice with different parents (at the first level where they differ)
  const firstRow = new Map<string, number>();
  let dups = 0;
  for (let i = 0; i < n; i++) {
    const v = h.levels[0]![i]!;
    const f = firstRow.get(v);
    if (f === undefined) { firstRow.set(v, i); continue; }
    for (let l = 1; l < H; l++) {
      if (h.levels[l]![i] !== h.levels[l]![f]) {
        if (dups++ < MAX_PER_KIND) {
          issues.push({ path: where(i), message: `column ${h.column}, level ${l}: this ground value is also listed at ${where(f)} with a different parent (${JSON.stringify(h.levels[l]![f])} there, ${JSON.stringify(h.levels[l]![i])} here); a value must have one parent` });
        }
        break;
      }
    }
  }

  // each level is a function of the previous one (levels ≥ 1; level 0 → 1 is the duplicate check)
  for (let l = 1; l + 1 < H; l++) {
    const lab = h.levels[l]!;
    const up = h.levels[l + 1]!;
    const parent = new Map<string, number>(); // label → first row
    let bad = 0;
    const reported = new Set<string>();
    for (let i = 0; i < n; i++) {
      const a = lab[i]!;
      const f = parent.get(a);
      if (f === undefined) { parent.set(a, i); continue; }
      if (up[i] !== up[f] && !reported.has(a)) {
        reported.add(a);
        if (bad++ < MAX_PER_KIND) {
          issues.push({ path: where(i), message: `column ${h.column}, level ${l + 1}: the level-${l} label ${JSON.stringify(a)} has two parents at level ${l + 1} (${JSON.stringify(up[f])} at ${where(f)}, ${JSON.stringify(up[i])} here); level ${l + 1} must be a function of level ${l}` });
        }
      }
    }
  }
  return issues;
}

/**
 * Data values of `column` missing from the hierarchy's level 0: one issue per missing value, at the
 * first data row where it occurs (1-based, header excluded), in row order. The value itself is not
 * quoted. Missing cells (null) are not checked (they stay missing). Numeric columns also match
 * numerically (`1.50` in the data matches `1.5` in the hierarchy).
 */
export function checkCoverage(h: Hierarchy, column: Column, opts: { max?: number } = {}): Issue[] {
  const max = opts.max ?? MAX_PER_KIND;
  const ground = h.levels[0] ?? [];
  const known = new Set(ground);
  const numeric = column.numbers !== undefined && column.kind !== 'date' && column.kind !== 'boolean';
  const knownNumbers = new Set<number>();
  if (numeric) for (const g of ground) { const x = g.trim() === '' ? NaN : Number(g); if (Number.isFinite(x)) knownNumbers.add(x); }
  const dict = column.dictionary;
  const absent = new Uint8Array(dict.length);
  let absentCount = 0;
  for (let c = 0; c < dict.length; c++) {
    const label = dict[c];
    if (label === null || label === undefined) continue;
    if (known.has(label)) continue;
    if (numeric && knownNumbers.has(column.numbers![c]!)) continue;
    absent[c] = 1;
    absentCount++;
  }
  if (absentCount === 0) return [];
  const issues: Issue[] = [];
  let more = 0;
  const codes = column.codes;
  for (let r = 0; r < codes.length; r++) {
    const c = codes[r]!;
    if (absent[c] !== 1) continue;
    absent[c] = 2; // reported
    if (issues.length < max) {
      issues.push({ path: `row ${r + 1}, column ${column.name}, level 0`, message: `the value of data row ${r + 1} (column ${column.name}) is not in the hierarchy (level 0); add a row for it to the hierarchy` });
    } else more++;
  }
  if (more) issues.push({ path: `column ${column.name}, level 0`, message: `and ${more} more values of column ${column.name} are not in the hierarchy` });
  return issues;
}
