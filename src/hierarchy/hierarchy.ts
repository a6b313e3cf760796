/**
 * The hierarchy interchange type and ARX's hierarchy CSV format.
 *
 * ARX format: no header, `;` separated, no quoting, one row per ground value; column 0 is the
 * value itself (level 0), column i its generalization at level i. CRLF or LF line endings, the
 * final newline optional.
 */
import { readFile } from 'node:fs/promises';
import { AnonymatError } from '../errors.ts';
import { validateHierarchy } from './validate.ts';
import type { Issue } from '../errors.ts';
import type { Column } from '../table/table.ts';

/** A generalization hierarchy as a label matrix, as in ARX's CSV: one row per ground value. */
export interface Hierarchy {
  readonly column: string;
  /** levels[h][i] = label of ground value i at level h; levels[0] are the ground values themselves. */
  readonly levels: readonly (readonly string[])[];
}

/** Parses ARX hierarchy CSV text (see the module comment). `source` names the file in errors. */
export function parseArxHierarchy(text: string, column: string, source = '<hierarchy>'): Hierarchy {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) {
    throw new AnonymatError('invalid-hierarchy', `hierarchy for column ${column} is empty (${source})`, [
      { path: source, message: 'expected one row per value, `;` separated, one column per level' },
    ]);
  }
  const width = lines[0]!.split(';').length;
  const levels: string[][] = Array.from({ length: width }, () => []);
  const issues: { path: string; message: string }[] = [];
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r]!;
    if (line === '') {
      issues.push({ path: `${source}:${r + 1}`, message: `empty line in hierarchy of column ${column}` });
      continue;
    }
    const cells = line.split(';');
    if (cells.length !== width) {
      issues.push({
        path: `${source}:${r + 1}`,
        message: `row has ${cells.length} levels, the first row has ${width} (column ${column}); every row needs the same number of ';'-separated cells`,
      });
      continue;
    }
    for (let h = 0; h < width; h++) levels[h]!.push(cells[h]!);
  }
  if (issues.length > 0) {
    throw new AnonymatError('invalid-hierarchy', `hierarchy for column ${column} is malformed (${source})`, issues);
  }
  return { column, levels };
}

/** Reads an ARX hierarchy CSV file (';' separated, one row per value). */
export async function readArxHierarchy(path: string, column: string): Promise<Hierarchy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AnonymatError('invalid-hierarchy', `cannot read hierarchy file for column ${column}: ${path}`, [
      { path, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found (paths are relative to the policy file)' : 'unreadable' },
    ], { cause: e });
  }
  return parseArxHierarchy(text, column, path);
}

/** Formats a hierarchy as ARX CSV text (LF line endings, final newline). */
export function formatArxHierarchy(h: Hierarchy): string {
  const n = h.levels[0]?.length ?? 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const row: string[] = [];
    for (let l = 0; l < h.levels.length; l++) row.push(h.levels[l]![i]!);
    out.push(row.join(';'));
  }
  return out.join('\n') + '\n';
}

/** Writes a hierarchy as ARX CSV, atomically. */
export async function writeArxHierarchy(h: Hierarchy, path: string): Promise<void> {
  for (const level of h.levels) {
    for (const label of level) {
      if (label.includes(';') || label.includes('\n') || label.includes('\r')) {
        throw new AnonymatError('invalid-hierarchy', `a label of column ${h.column} contains ';' or a line break, which ARX's CSV format cannot hold`, [
          { path: `hierarchy ${h.column}`, message: 'rename the label' },
        ]);
      }
    }
  }
  const { writeFileAtomic } = await import('../io/write.ts');
  await writeFileAtomic(path, formatArxHierarchy(h));
}

// ---------------------------------------------------------------------------------------------
// Compilation against a table column
// ---------------------------------------------------------------------------------------------


/**
 * A hierarchy compiled against one column of a table: everything the lattice search needs, as
 * typed arrays. Ground indexes are the hierarchy's rows (first occurrence of each ground value);
 * when the column has missing values and the hierarchy has no row for the empty value, one
 * synthetic row is appended for them (label null below the top level, the top label at the top).
 */
export interface CompiledHierarchy {
  readonly column: string;
  /** Number of levels (max level + 1). */
  readonly height: number;
  /** Number of hierarchy rows |R| (including values absent from the data), as ARX counts them. */
  readonly groundCount: number;
  /** Column code → ground index. */
  readonly groundOfCode: Int32Array;
  /** levelOfGround[h][g] = code at level h of ground row g (codes numbered by first appearance). */
  readonly levelOfGround: readonly Int32Array[];
  /** labels[h][code] = label of a level-h code (null for the missing value below the top). */
  readonly labels: readonly (readonly (string | null)[])[];
  /** Number of distinct codes per level. */
  readonly cardinality: readonly number[];
  /** share[h][code] = (#hierarchy rows whose level-h label is this code's) / |R| (ARX Loss). */
  readonly share: readonly Float64Array[];
  /** rep[h][code] = one ground index with that level-h code (to compose level maps). */
  readonly rep: readonly Int32Array[];
}

function hierarchyError(column: string, issues: Issue[]): AnonymatError {
  return new AnonymatError('invalid-hierarchy',
    `hierarchy of column ${column} is not valid: ${issues.length} problem${issues.length > 1 ? 's' : ''} (each level must be a function of the previous one and cover every value of the data)`,
    issues);
}

/**
 * Compiles a hierarchy against a column. Throws AnonymatError('invalid-hierarchy') listing every
 * problem: a data value absent from the hierarchy (with its first data row, 1-based, header
 * excluded), a value mapped to two parents, a level that is not a function of the previous one.
 */
export function compileHierarchy(h: Hierarchy, col: Column, where: { file?: string; source?: string } = {}): CompiledHierarchy {
  const structural = validateHierarchy(h, where);
  if (structural.length) throw hierarchyError(h.column, structural);
  const H = h.levels.length;
  const ground = h.levels[0]!;
  const index = new Map<string, number>();
  for (let i = 0; i < ground.length; i++) if (!index.has(ground[i]!)) index.set(ground[i]!, i);

  // numeric columns also match numerically (1.50 in the data matches 1.5 in the hierarchy)
  let numericIndex: Map<number, number> | null = null;
  if (col.numbers && (col.kind === 'integer' || col.kind === 'decimal')) {
    numericIndex = new Map();
    for (let i = 0; i < ground.length; i++) {
      const t = ground[i]!.trim();
      const x = t === '' ? NaN : Number(t);
      if (Number.isFinite(x) && !numericIndex.has(x)) numericIndex.set(x, i);
    }
  }
  const groundOfCode = new Int32Array(col.dictionary.length).fill(-1);
  const unknownCodes: number[] = [];
  let needMissingRow = false;
  for (let c = 0; c < col.dictionary.length; c++) {
    const label = col.dictionary[c];
    if (label === null || label === undefined) {
      const g = index.get('');
      if (g !== undefined) groundOfCode[c] = g; else needMissingRow = true;
      continue;
    }
    let g = index.get(label);
    if (g === undefined && numericIndex) {
      const x = col.numbers![c]!;
      if (Number.isFinite(x)) g = numericIndex.get(x);
    }
    if (g === undefined) unknownCodes.push(c); else groundOfCode[c] = g;
  }
  // only codes that actually occur in the data matter
  if (unknownCodes.length) {
    const firstRowOf = new Map<number, number>();
    const unknown = new Set(unknownCodes);
    for (let r = 0; r < col.codes.length && firstRowOf.size < unknown.size; r++) {
      const c = col.codes[r]!;
      if (unknown.has(c) && !firstRowOf.has(c)) firstRowOf.set(c, r);
    }
    if (firstRowOf.size) {
      const issues = [...firstRowOf.values()].sort((a, b) => a - b).slice(0, 20).map((r) => ({
        path: `row ${r + 1}, column ${h.column}, level 0`,
        message: `the value of data row ${r + 1} is not in the hierarchy of column ${h.column}; add a line for it`,
      }));
      if (firstRowOf.size > 20) issues.push({ path: `column ${h.column}`, message: `and ${firstRowOf.size - 20} more values absent from the hierarchy` });
      throw hierarchyError(h.column, issues);
    }
  }
  let missingUsed = false;
  if (needMissingRow && col.missing >= 0) {
    for (let r = 0; r < col.codes.length; r++) if (col.codes[r] === col.missing) { missingUsed = true; break; }
  }
  const n = ground.length + (missingUsed ? 1 : 0);
  if (missingUsed) groundOfCode[col.missing] = ground.length;

  const levelOfGround: Int32Array[] = [];
  const labels: (string | null)[][] = [];
  const share: Float64Array[] = [];
  const rep: Int32Array[] = [];
  const cardinality: number[] = [];
  for (let l = 0; l < H; l++) {
    const lab = h.levels[l]!;
    const codeOf = new Map<string, number>();
    const map = new Int32Array(n);
    const ls: (string | null)[] = [];
    const counts: number[] = [];
    const reps: number[] = [];
    for (let i = 0; i < ground.length; i++) {
      const v = lab[i]!;
      let c = codeOf.get(v);
      if (c === undefined) { c = ls.length; codeOf.set(v, c); ls.push(v); counts.push(0); reps.push(i); }
      map[i] = c;
      counts[c]!++;
    }
    if (missingUsed) {
      // (a level of one label above the ground holds the missing value too — the release writes that label for it; the ground
      // level of a one-level hierarchy is written as it is, the missing value apart)
      const top = l > 0 && l === H - 1 && codeOf.size === 1;
      if (top) { map[ground.length] = 0; counts[0]!++; }
      else { map[ground.length] = ls.length; ls.push(null); counts.push(1); reps.push(ground.length); }
    }
    levelOfGround.push(map);
    labels.push(ls);
    share.push(Float64Array.from(counts, (k) => k / n));
    rep.push(Int32Array.from(reps));
    cardinality.push(ls.length);
  }
  return { column: h.column, height: H, groundCount: n, groundOfCode, levelOfGround, labels, share, rep, cardinality };
}

/** Map from codes at level `from` to codes at level `to` (to ≥ from). */
export function levelMap(ch: CompiledHierarchy, from: number, to: number): Int32Array {
  const rep = ch.rep[from]!;
  const target = ch.levelOfGround[to]!;
  const out = new Int32Array(rep.length);
  for (let c = 0; c < rep.length; c++) out[c] = target[rep[c]!]!;
  return out;
}
