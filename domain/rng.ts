/**
 * Random sources are injected: production passes a crypto-backed Rng, tests a seeded one.
 */
import prand from 'pure-rand';

/** Returns a float in [0, 1). */
export type Rng = () => number;

/** Uniform integer in [lo, hi] (inclusive). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  if (hi < lo) return lo;
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** FNV-1a 32-bit: stable, dependency-free hash for seeds and shard assignment (not for secrets). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic generator for tests, simulations and keyed draws. */
export function seededRng(seed: string | number): Rng {
  let gen = prand.xoroshiro128plus(typeof seed === 'number' ? seed : hash32(seed));
  return () => {
    const [value, next] = prand.uniformIntDistribution(0, 0x7fffffff, gen);
    gen = next;
    return value / 0x80000000;
  };
}
