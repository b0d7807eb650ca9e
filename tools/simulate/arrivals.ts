/**
 * Donation arrivals of one session day, streamed second by second (never materialised).
 *
 * The day's expected count per second is a piecewise hourly base plus an opening surge that decays
 * exponentially from the match window's opening (the "first come, first served" 10:00 rush). Each
 * second gets its exact share of the day's total by stratified rounding, and the arrivals inside a
 * second are placed uniformly at random, so sub-second overlaps (what conflicts depend on) are
 * Poisson-like while the day's total is exact.
 */
import type { Rng } from '../../domain/rng';

export interface ArrivalProfile {
  /** Relative base intensity per Beijing hour 0..23 (outside the surge). */
  hourly: readonly number[];
  /** Share of the day's donations that arrive in the opening surge. */
  surgeShare: number;
  /** Time constant of the surge's exponential decay, seconds. */
  surgeTauS: number;
}

const DAY_S = 86_400;

/** Expected arrivals in each second of the day (index = seconds since Beijing midnight). */
export function expectedPerSecond(profile: ArrivalProfile, total: number, openSecondOfDay: number): Float64Array {
  const out = new Float64Array(DAY_S);
  const hourlySum = profile.hourly.reduce((a, b) => a + b, 0);
  const base = (total * (1 - profile.surgeShare)) / (hourlySum * 3600);
  for (let s = 0; s < DAY_S; s++) out[s] = base * profile.hourly[Math.floor(s / 3600)];
  // Surge mass per second: the exponential's integral over [s, s+1), renormalised to what fits in the day.
  const tau = profile.surgeTauS;
  const span = DAY_S - openSecondOfDay;
  const norm = 1 - Math.exp(-span / tau);
  for (let k = 0; k < span; k++) {
    out[openSecondOfDay + k] += (total * profile.surgeShare * (Math.exp(-k / tau) - Math.exp(-(k + 1) / tau))) / norm;
  }
  return out;
}

/**
 * Calls `visit(ms)` for every arrival of the day in time order. `dayStartMs` is Beijing midnight.
 * Returns the number of arrivals (equals round(total) of `perSecond`).
 */
export function forEachArrival(
  dayStartMs: number,
  perSecond: Float64Array,
  rng: Rng,
  visit: (ms: number) => void,
): number {
  const offset = rng();
  let cumulative = 0;
  let emitted = 0;
  const within: number[] = [];
  for (let s = 0; s < perSecond.length; s++) {
    cumulative += perSecond[s];
    const n = Math.floor(cumulative + offset) - emitted;
    if (n <= 0) continue;
    emitted += n;
    within.length = 0;
    for (let i = 0; i < n; i++) within.push(Math.floor(rng() * 1000));
    within.sort((a, b) => a - b);
    const secondMs = dayStartMs + s * 1000;
    for (const w of within) visit(secondMs + w);
  }
  return emitted;
}

/** Highest expected arrivals in one second (the surge's first second). */
export const peakExpectedPerSecond = (perSecond: Float64Array): number => perSecond.reduce((a, b) => Math.max(a, b), 0);
