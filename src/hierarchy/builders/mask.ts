/**
 * Masking: level h replaces the last h characters with `*` (75011 → 7501* → 750** → 75*** →
 * 7**** → *****), or the first h with `from: left`. Prefix: level h keeps the first `lengths[h-1]`
 * characters (75011 → 7501 → 750 → 75). A `*` level is added on top, except after masking when
 * the last level is already one label (`*****` for every value).
 */
import type { BuildContext } from './common.ts';
import { specError, withTop } from './common.ts';
import type { MaskSpec, PrefixSpec } from './schema.ts';

export function buildMask(_ctx: BuildContext, spec: MaskSpec, values: readonly string[]): string[][] {
  const n = values.length;
  const ch = spec.char ?? '*';
  let longest = 0;
  for (const v of values) longest = Math.max(longest, [...v].length);
  const L = spec.levels ?? Math.max(1, longest);
  const chars = values.map((v) => [...v]); // code points, so a masked character is never half a pair
  const levels: string[][] = [[...values]];
  for (let h = 1; h <= L; h++) {
    const level = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const c = chars[i]!;
      const m = Math.min(h, c.length);
      level[i] = spec.from === 'left'
        ? ch.repeat(m) + c.slice(m).join('')
        : c.slice(0, c.length - m).join('') + ch.repeat(m);
    }
    levels.push(level);
  }
  const last = levels[levels.length - 1]!;
  const allMasked = n > 0 && L > 0 && [...last[0]!].every((c) => c === ch);
  return withTop(levels, n, allMasked);
}

export function buildPrefix(ctx: BuildContext, spec: PrefixSpec, values: readonly string[]): string[][] {
  for (let h = 1; h < spec.lengths.length; h++) {
    if (!(spec.lengths[h]! < spec.lengths[h - 1]!)) {
      throw specError(ctx, [{ path: `${ctx.path}.lengths[${h}]`, message: 'prefix lengths must strictly decrease (e.g. [4, 3, 2])' }]);
    }
  }
  const n = values.length;
  const chars = values.map((v) => [...v]);
  const levels: string[][] = [[...values]];
  for (const len of spec.lengths) {
    const level = new Array<string>(n);
    for (let i = 0; i < n; i++) level[i] = chars[i]!.slice(0, len).join('');
    levels.push(level);
  }
  return withTop(levels, n);
}
