/**
 * Randomness for differential privacy.
 *
 * The product ALWAYS uses `cryptoSource()` (node:crypto's CSPRNG, read 64 KiB at a time).
 * `testSource(seed)` is a seeded, reproducible stream FOR TESTS ONLY: it protects nothing, and
 * results produced with it are labelled `randomness: "test-seeded"`.
 *
 * A source only yields uniform 32-bit words; every distribution is derived exactly from them
 * (rejection sampling, never modulo reduction, never floating point).
 */
import { randomFillSync } from 'node:crypto';
import { seededRng } from '../util/rng.ts';

export interface RandomSource {
  /** A uniform integer in [0, 2^32). */
  u32(): number;
  /** 'crypto' for the product; 'test-seeded' for tests. */
  readonly kind: 'crypto' | 'test-seeded';
}

const WORDS = 16384; // 64 KiB

/** The product source: node:crypto, buffered. */
export function cryptoSource(): RandomSource {
  const buf = new Uint32Array(WORDS);
  let i = WORDS;
  return {
    kind: 'crypto',
    u32() {
      if (i === WORDS) { randomFillSync(buf); i = 0; }
      return buf[i++]!;
    },
  };
}

let shared: RandomSource | null = null;
/** One process-wide crypto source (buffering amortises the system calls). */
export function defaultSource(): RandomSource { return (shared ??= cryptoSource()); }

/** FOR TESTS ONLY: a seeded stream (xoshiro128** from src/util/rng.ts). Never use for a release. */
export function testSource(seed: number): RandomSource {
  const r = seededRng(seed);
  return { kind: 'test-seeded', u32: () => r.int(0x1_0000_0000) >>> 0 };
}

const TWO32 = 0x1_0000_0000;

/** Uniform integer in [0, n) for a safe integer 1 ≤ n ≤ 2^53, by rejection (no modulo bias). */
export function uniformInt(src: RandomSource, n: number): number {
  if (n <= TWO32) {
    if (n === 1) return 0;
    // rejection on the smallest power-of-two range ≥ n
    const bits = 32 - Math.clz32(n - 1);
    const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
    for (;;) {
      const x = (src.u32() & mask) >>> 0;
      if (x < n) return x;
    }
  }
  const hiRange = Math.ceil(n / TWO32); // n ≤ 2^53 so hiRange ≤ 2^21
  const hb = 32 - Math.clz32(hiRange - 1);
  const hmask = hb === 0 ? 0 : (1 << hb) - 1;
  for (;;) {
    const hi = src.u32() & hmask;
    const x = hi * TWO32 + src.u32();
    if (x < n) return x;
  }
}

/** Uniform BigInt in [0, n) for any n ≥ 1, by rejection on whole 32-bit words. */
export function uniformBig(src: RandomSource, n: bigint): bigint {
  if (n <= 0n) throw new RangeError('uniformBig needs n ≥ 1');
  if (n <= 9007199254740992n) return BigInt(uniformInt(src, Number(n)));
  const bits = (n - 1n).toString(2).length;
  const words = Math.ceil(bits / 32);
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    let x = 0n;
    for (let w = 0; w < words; w++) x = (x << 32n) | BigInt(src.u32());
    x &= mask;
    if (x < n) return x;
  }
}

/** A fair coin. */
export function coin(src: RandomSource): boolean { return (src.u32() & 1) === 1; }
