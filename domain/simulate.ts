/**
 * Whole-day simulation of one pool shard under a deterministic donation arrival process.
 * Pure (clock and Rng injected); shared by the pacing tests and the match benchmark.
 */
import { applyDrawInPlace, decideDraw, emptyUser, type UserMatchState } from './match';
import { emptyShard, type TimeWindow } from './pacing';
import type { Rng } from './rng';
import type { MatchSettings } from './settings';
import { matchWindow } from './time';

/** Donation sizes and weights: 1 / 10 / 50 / 100 / 500 yuan, small gifts most common. */
export const DEFAULT_MIX: ReadonlyArray<{ fen: number; weight: number }> = [
  { fen: 100, weight: 40 },
  { fen: 1_000, weight: 30 },
  { fen: 5_000, weight: 15 },
  { fen: 10_000, weight: 10 },
  { fen: 50_000, weight: 5 },
];

/** 'uniform': even arrivals; 'peaks': a 10:00 rush, a lunch and an evening peak, quiet late night. */
export type ArrivalProfile = 'uniform' | 'peaks';

export interface SimulateInput {
  settings: MatchSettings;
  budgetFen: number;
  /** Demand relative to the demand that would spend the budget at the base chance with full-range amounts. */
  demandFactor: number;
  rng: Rng;
  date?: string;
  mix?: ReadonlyArray<{ fen: number; weight: number }>;
  profile?: ArrivalProfile;
  /** Distinct donors (default: half the number of donations). */
  users?: number;
  projects?: number;
  /** Spent share at which the shard counts as used up for `windowUsedShare` (default 0.995). */
  exhaustedAt?: number;
  /** Called after every donation (benchmarks, debugging). */
  onDonation?: (e: {
    paidAtMs: number;
    donationFen: number;
    amountFen: number;
    reason?: string;
    spentFen: number;
  }) => void;
}

export interface SimulateResult {
  donations: number;
  spentFen: number;
  leftFen: number;
  utilisation: number;
  /** Share of the window elapsed before the shard was used up (1 when it never was). */
  windowUsedShare: number;
  /** Eligible draws decided. */
  draws: number;
  /** Donations that received a match. */
  matched: number;
  maxMatchFen: number;
}

/** Baseline expected match per eligible donation: base chance × mean of a full-range random amount. */
export function baselineMeanFen(settings: MatchSettings, mix = DEFAULT_MIX): number {
  const total = mix.reduce((a, m) => a + m.weight, 0);
  const mean = mix.reduce(
    (a, m) => a + (m.weight / total) * ((settings.minMatchFen + Math.min(m.fen, settings.maxMatchFen)) / 2),
    0,
  );
  return settings.baseChance * mean;
}

/** Relative arrival intensity at a Beijing hour of day (piecewise, for the 'peaks' profile). */
function intensity(hour: number): number {
  if (hour < 11) return 3; // 10:00 opening rush
  if (hour >= 12 && hour < 13) return 1.5;
  if (hour >= 19 && hour < 22) return 2;
  if (hour >= 23) return 0.5;
  return 1;
}

/** Arrival times: stratified over the cumulative intensity, so the process is deterministic up to jitter. */
export function arrivalTimes(n: number, window: TimeWindow, profile: ArrivalProfile, rng: Rng): number[] {
  const len = window.endMs - window.startMs;
  const steps = 1_000;
  const startHour = (((window.startMs / 3_600_000 + 8) % 24) + 24) % 24; // Beijing = UTC+8
  const cum: number[] = [0];
  for (let i = 0; i < steps; i++) {
    const w =
      profile === 'uniform' ? 1 : intensity(Math.floor(startHour + ((i + 0.5) / steps) * (len / 3_600_000)) % 24);
    cum.push(cum[i] + w);
  }
  const totalWeight = cum[steps];
  const out: number[] = [];
  let seg = 0;
  for (let k = 0; k < n; k++) {
    const target = ((k + rng()) / n) * totalWeight;
    while (seg < steps - 1 && cum[seg + 1] < target) seg++;
    const within = (target - cum[seg]) / (cum[seg + 1] - cum[seg]);
    out.push(window.startMs + Math.min(len - 1, Math.floor(((seg + within) / steps) * len)));
  }
  return out;
}

function pickWeighted(mix: ReadonlyArray<{ fen: number; weight: number }>, rng: Rng): number {
  const total = mix.reduce((a, m) => a + m.weight, 0);
  let r = rng() * total;
  for (const m of mix) {
    if ((r -= m.weight) < 0) return m.fen;
  }
  return mix[mix.length - 1].fen;
}

export function simulateDay(input: SimulateInput): SimulateResult {
  const { settings, budgetFen, rng } = input;
  const mix = input.mix ?? DEFAULT_MIX;
  const window = matchWindow(settings, input.date ?? '2022-04-27');
  const n = Math.max(1, Math.round((input.demandFactor * budgetFen) / baselineMeanFen(settings, mix)));
  const users = Math.max(1, input.users ?? Math.floor(n / 2));
  const projects = Math.max(1, input.projects ?? 300);
  const threshold = Math.ceil(budgetFen * (input.exhaustedAt ?? 0.995));

  const shard = emptyShard(budgetFen);
  const userStates = new Map<string, UserMatchState>();
  let matched = 0;
  let maxMatchFen = 0;
  let exhaustedMs: number | null = null;
  for (const paidAtMs of arrivalTimes(n, window, input.profile ?? 'uniform', rng)) {
    const userKey = `u${Math.floor(rng() * users)}`;
    const projectId = `p${Math.floor(rng() * projects)}`;
    const donationFen = pickWeighted(mix, rng);
    const user = userStates.get(userKey) ?? emptyUser();
    userStates.set(userKey, user);
    const d = decideDraw({
      settings,
      nowMs: paidAtMs,
      window,
      donationFen,
      paidAtMs,
      shard,
      user,
      projectId,
      shards: 1,
      rng,
      kind: 'donation',
    });
    if (d.reason === 'before_open' || d.reason === 'below_minimum') continue;
    applyDrawInPlace(shard, user, projectId, paidAtMs, d.amountFen, settings, {
      counted: d.counted,
      demandFen: d.demandFen,
    });
    if (d.amountFen > 0) {
      matched++;
      maxMatchFen = Math.max(maxMatchFen, d.amountFen);
    }
    input.onDonation?.({ paidAtMs, donationFen, amountFen: d.amountFen, reason: d.reason, spentFen: shard.spentFen });
    if (exhaustedMs === null && shard.spentFen >= threshold) exhaustedMs = paidAtMs;
  }
  const len = window.endMs - window.startMs;
  return {
    donations: n,
    spentFen: shard.spentFen,
    leftFen: budgetFen - shard.spentFen,
    utilisation: shard.spentFen / budgetFen,
    windowUsedShare: exhaustedMs === null ? 1 : (exhaustedMs - window.startMs) / len,
    draws: shard.draws,
    matched,
    maxMatchFen,
  };
}
