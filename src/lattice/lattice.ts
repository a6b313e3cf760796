/**
 * The generalization lattice: every transformation is a level vector (one level per
 * quasi-identifier), identified by a mixed-radix id: id = Σ levels[j] · stride[j], with the LAST
 * quasi-identifier varying fastest. The bottom (all zeros) is id 0, the top is size − 1.
 * A successor raises one level by one; a predecessor lowers one level by one.
 */
export interface Lattice {
  /** Max level of each quasi-identifier (height − 1). */
  readonly maxLevels: readonly number[];
  readonly strides: readonly number[];
  /** Number of transformations. */
  readonly size: number;
  readonly dims: number;
}

export function makeLattice(maxLevels: readonly number[]): Lattice {
  const dims = maxLevels.length;
  const strides = new Array<number>(dims);
  let size = 1;
  for (let j = dims - 1; j >= 0; j--) { strides[j] = size; size *= maxLevels[j]! + 1; }
  return { maxLevels: [...maxLevels], strides, size, dims };
}

export function idOf(l: Lattice, levels: ArrayLike<number>): number {
  let id = 0;
  for (let j = 0; j < l.dims; j++) id += levels[j]! * l.strides[j]!;
  return id;
}

export function levelsOf(l: Lattice, id: number, out: Int32Array = new Int32Array(l.dims)): Int32Array {
  for (let j = 0; j < l.dims; j++) {
    const s = l.strides[j]!;
    const v = Math.floor(id / s);
    out[j] = v;
    id -= v * s;
  }
  return out;
}

/** Height of a transformation: the sum of its levels. */
export function heightOf(l: Lattice, id: number): number {
  let h = 0;
  for (let j = 0; j < l.dims; j++) { const s = l.strides[j]!; const v = Math.floor(id / s); h += v; id -= v * s; }
  return h;
}

/** Calls fn(successorId, j) for each direct successor of id. */
export function forEachSuccessor(l: Lattice, id: number, fn: (succ: number, j: number) => void): void {
  let rest = id;
  for (let j = 0; j < l.dims; j++) {
    const s = l.strides[j]!;
    const v = Math.floor(rest / s);
    rest -= v * s;
    if (v < l.maxLevels[j]!) fn(id + s, j);
  }
}

/** Calls fn(predecessorId, j) for each direct predecessor of id. */
export function forEachPredecessor(l: Lattice, id: number, fn: (pred: number, j: number) => void): void {
  let rest = id;
  for (let j = 0; j < l.dims; j++) {
    const s = l.strides[j]!;
    const v = Math.floor(rest / s);
    rest -= v * s;
    if (v > 0) fn(id - s, j);
  }
}

/** True when a ≤ b componentwise (b generalizes a). */
export function leq(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let j = 0; j < a.length; j++) if (a[j]! > b[j]!) return false;
  return true;
}

/**
 * Predictive properties stored per transformation, propagated along the lattice (ARX's
 * PredictiveProperty): bit flags in one Uint8Array.
 */
export const Flag = {
  Checked: 1,
  /** Known to satisfy the models within the suppression limit. */
  Feasible: 2,
  /** Known not to. */
  Infeasible: 4,
  /** Cannot beat the best solution (bound). */
  Pruned: 8,
  /** Known to need no suppression (its loss equals its lower bound). */
  NoSuppression: 16,
} as const;

/**
 * Sets `flag` on `id` and every transformation below it (direction 'down') or above it ('up'),
 * skipping the ones that already carry it (so each transformation is visited once overall).
 */
export function propagate(l: Lattice, flags: Uint8Array, id: number, flag: number, direction: 'up' | 'down'): void {
  if (flags[id]! & flag) return;
  flags[id] = flags[id]! | flag;
  const stack = [id];
  const visit = (n: number) => {
    if (!(flags[n]! & flag)) { flags[n] = flags[n]! | flag; stack.push(n); }
  };
  while (stack.length) {
    const n = stack.pop()!;
    if (direction === 'down') forEachPredecessor(l, n, visit); else forEachSuccessor(l, n, visit);
  }
}
