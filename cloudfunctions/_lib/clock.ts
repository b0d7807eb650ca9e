/**
 * The injected clock and random source. Production: machine clock and crypto randomness.
 * Locally the emulator passes SHANXING_CLOCK ({offsetMs} | {fixedMs}) per invocation so every
 * function sees the demo/test time; SHANXING_RANDOM_SEED makes draws reproducible in tests and benches.
 */
import { randomInt as cryptoRandomInt } from 'node:crypto';
import { seededRng, type Rng } from '../../domain/rng';

export function now(): number {
  const raw = process.env.SHANXING_CLOCK;
  if (!raw) return Date.now();
  try {
    const c = JSON.parse(raw) as { offsetMs?: number; fixedMs?: number };
    if (typeof c.fixedMs === 'number') return c.fixedMs;
    return Date.now() + (c.offsetMs ?? 0);
  } catch {
    return Date.now();
  }
}

/** Unpredictable ids (order numbers, nonces) always use crypto, seed or not. */
export const cryptoRng: Rng = () => cryptoRandomInt(0, 2 ** 31) / 2 ** 31;

/** A random source for one decision; with a seed it is keyed so a retry of the same key replays it. */
export function rngFor(key: string): Rng {
  const seed = process.env.SHANXING_RANDOM_SEED;
  return seed ? seededRng(`${seed}:${key}`) : cryptoRng;
}
