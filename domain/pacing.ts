/**
 * Pool pacing: how much of the Foundation pool a day (and a shard) may spend, and how a shard steers
 * chance and amount so its budget lasts the whole window yet is used up by its end (2017: the pool
 * "hit its cap fast and the donation system stalled"). Each shard paces itself from its own state only.
 */
import { assertFen } from './errors';
import type { MatchSettings } from './settings';

/**
 * One pool-shard document of one day: budget, spend and pacing numbers only, so its size never grows
 * with donors (per-user state lives in the user's own document, see `UserMatchState` in match.ts).
 */
export interface ShardState {
  budgetFen: number;
  spentFen: number;
  /** Eligible draws decided so far (matched or not): the shard's demand signal. */
  draws: number;
  /** Matched fen today per project in this shard (bounded by the catalog, ~300 entries). */
  projects: Record<string, number>;
  /**
   * Sum of the matchable amounts (donation bounded by the per-draw, user and project caps) of the draws
   * counted so far: demand in fen, so pacing can ask every donation for the same share of what it could
   * take. Optional for old documents; without it pacing falls back to counting draws.
   */
  demandFen?: number;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export const emptyShard = (budgetFen: number): ShardState => {
  assertFen(budgetFen, 'budgetFen');
  return { budgetFen, spentFen: 0, draws: 0, projects: {}, demandFen: 0 };
};

const BP = 10_000;

/**
 * Budget of session day `dayIndex`: cumulative release up to that day minus what earlier days spent
 * (so unspent money rolls over); the last day releases everything left.
 */
export function releaseForDay(
  settings: Pick<MatchSettings, 'poolFen' | 'dailyReleaseBp'>,
  dayIndex: number,
  spentBeforeFen: number,
): number {
  assertFen(settings.poolFen, 'poolFen');
  assertFen(spentBeforeFen, 'spentBeforeFen');
  const days = settings.dailyReleaseBp.length;
  if (!Number.isInteger(dayIndex) || dayIndex < 0 || dayIndex >= days) return 0;
  const cumulativeBp = settings.dailyReleaseBp.slice(0, dayIndex + 1).reduce((a, b) => a + b, 0);
  const released =
    dayIndex === days - 1
      ? settings.poolFen
      : Math.min(settings.poolFen, Math.floor((settings.poolFen * cumulativeBp) / BP));
  return Math.max(0, released - spentBeforeFen);
}

/** Split a day's budget over shards exactly: the first `total % shards` shards get one fen more. */
export function shardBudgets(totalFen: number, shards: number): number[] {
  assertFen(totalFen, 'totalFen');
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer, got ${shards}`);
  const base = Math.floor(totalFen / shards);
  const extra = totalFen % shards;
  return Array.from({ length: shards }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Share of the window elapsed at `nowMs`, clamped to [0, 1]. */
export function elapsedFraction(window: TimeWindow, nowMs: number): number {
  const length = window.endMs - window.startMs;
  if (length <= 0) return 1;
  return Math.min(1, Math.max(0, (nowMs - window.startMs) / length));
}

/** Target spend curve: a straight line from 0 at opening to the whole budget at closing. */
export function pacingTarget(budgetFen: number, window: TimeWindow, nowMs: number): number {
  return Math.floor(budgetFen * elapsedFraction(window, nowMs));
}

/** How far a shard may run ahead of its curve before pacing refuses draws. */
export function pacingSlackFen(budgetFen: number): number {
  return Math.ceil(budgetFen * PACING.slack);
}

/**
 * Below this much elapsed time the demand estimate uses this floor,
 * so the day's first donor is not handed the pool.
 */
export const WARMUP_MS = 60_000;

/** Remaining-window demand from the rate observed so far (the current draw counted as observed). */
export function expectedRemaining(observedSoFar: number, window: TimeWindow, nowMs: number): number {
  const elapsed = Math.max(WARMUP_MS, Math.min(nowMs, window.endMs) - window.startMs);
  return (observedSoFar / elapsed) * Math.max(0, window.endMs - nowMs);
}

/** Expected eligible draws from now to the window's end, at least 1 (the current one). */
export function expectedRemainingDraws(draws: number, window: TimeWindow, nowMs: number): number {
  return Math.max(1, expectedRemaining(draws + 1, window, nowMs));
}

/** Cumulative spend vs the curve as a factor (> 1 when behind): target ÷ spent, smoothed by the slack. */
export function lagFactor(
  shard: Pick<ShardState, 'budgetFen' | 'spentFen'>,
  window: TimeWindow,
  nowMs: number,
): number {
  const smooth = pacingSlackFen(shard.budgetFen);
  return (pacingTarget(shard.budgetFen, window, nowMs) + smooth) / (shard.spentFen + smooth);
}
/** Tuning, chosen with `simulateDay` (0.5×/1×/10× demand, 30 seeds each). */
export const PACING = {
  /** Ahead-of-curve allowance, share of the budget. */
  slack: 0.005,
  /** Even share at or above which demand counts as thin. */
  thinShare: 0.2,
  /** Thin demand: plan to finish this share of the window early, and boost by lag². */
  thinLead: 0.03,
  thinLagPower: 2,
  maxBoost: 4,
} as const;

/**
 * Share of its matchable amount the current draw should get on average so what is left is spent
 * exactly by the window's end: left ÷ expected remaining demand. With `demandFen` the demand is in
 * fen (every donation asked for the same share of what it can take: unbiased, so small donations'
 * caps do not starve the plan); without it, in draws (every draw asked for the same fen).
 */
export function evenShare(shard: ShardState, window: TimeWindow, nowMs: number, capFen: number): number {
  const left = shard.budgetFen - shard.spentFen;
  if (left <= 0 || capFen <= 0) return 0;
  if (typeof shard.demandFen === 'number' && shard.demandFen >= 0) {
    return left / Math.max(capFen, expectedRemaining(shard.demandFen + capFen, window, nowMs));
  }
  return left / expectedRemainingDraws(shard.draws, window, nowMs) / capFen;
}

export interface PacingStep {
  /** Refuse this draw: spend is ahead of the curve while demand is plentiful. */
  refuse: boolean;
  /** Expected match (fen) to aim for. */
  desiredFen: number;
}

/**
 * One pacing decision. Plentiful demand (even share < `PACING.thinShare`): follow the curve — boost or damp by the
 * lag and refuse when ahead by more than the slack, so the pool lasts the day. Thin demand: every
 * unmatched donation is capacity lost for good, so never damp or refuse; lean ahead instead, because
 * the last donations cannot absorb a late shortfall.
 */
export function pacingStep(shard: ShardState, window: TimeWindow, nowMs: number, capFen: number): PacingStep {
  const share = evenShare(shard, window, nowMs, capFen);
  const lag = lagFactor(shard, window, nowMs);
  if (share < PACING.thinShare) {
    if (aheadOfCurve(shard, window, nowMs)) return { refuse: true, desiredFen: 0 };
    const boost = Math.min(PACING.maxBoost, Math.max(1 / PACING.maxBoost, lag));
    return { refuse: false, desiredFen: share * boost * capFen };
  }
  const lead = PACING.thinLead * (window.endMs - window.startMs);
  const leaning = Math.max(share, evenShare(shard, window, Math.min(window.endMs, nowMs + lead), capFen));
  const boost = Math.min(PACING.maxBoost, Math.max(1, lag ** PACING.thinLagPower));
  return { refuse: false, desiredFen: leaning * boost * capFen };
}

/** True when spend is ahead of the curve by more than the slack. */
export function aheadOfCurve(
  shard: Pick<ShardState, 'budgetFen' | 'spentFen'>,
  window: TimeWindow,
  nowMs: number,
): boolean {
  return shard.spentFen > pacingTarget(shard.budgetFen, window, nowMs) + pacingSlackFen(shard.budgetFen);
}

/** Defaults of the match's shape settings (`MatchSettings.maxRatioBp`, `floorRatioBp`), in basis points. */
export const MATCH_SHAPE = { maxRatioBp: 8000, floorRatioBp: 5000 } as const;

/** The most one draw may match of a donation of `donationFen` (its share cap, `maxRatioBp`). */
export function ratioCapFen(donationFen: number, settings: Pick<MatchSettings, 'maxRatioBp'>): number {
  return Math.floor((donationFen * (settings.maxRatioBp ?? MATCH_SHAPE.maxRatioBp)) / BP);
}

export interface DrawPlan {
  /** Probability the draw picks this donation. */
  chance: number;
  /** Inclusive integer range of the random amount. */
  loFen: number;
  hiFen: number;
}

/**
 * Chance and amount range whose expected value ≈ `desiredFen`, for a donation whose amount may not
 * exceed `capFen`. Prefer the campaign's base chance with a range [min, hi]; when even the full range
 * is too small raise the chance, then (chance 1) raise the range's floor — that is how the last
 * donations of the day absorb what is left.
 */
export function drawPlan(
  desiredFen: number,
  capFen: number,
  settings: Pick<MatchSettings, 'minMatchFen' | 'baseChance' | 'floorRatioBp'>,
): DrawPlan {
  const min = settings.minMatchFen;
  if (desiredFen <= 0 || capFen < min) return { chance: 0, loFen: min, hiFen: min };
  const base = settings.baseChance > 0 && settings.baseChance <= 1 ? settings.baseChance : 1;
  const hi = Math.round((2 * desiredFen) / base - min);
  if (hi < min) return { chance: Math.min(1, desiredFen / min), loFen: min, hiFen: min };
  if (hi <= capFen) return { chance: base, loFen: min, hiFen: hi };
  const chance = desiredFen / ((min + capFen) / 2);
  if (chance <= 1) return { chance, loFen: min, hiFen: capFen };
  // The floor rises with the demand, but stays at most `floorRatioBp` of the top: amounts keep differing.
  const floorCap = Math.max(min, Math.floor((capFen * (settings.floorRatioBp ?? MATCH_SHAPE.floorRatioBp)) / BP));
  const lo = Math.min(capFen, floorCap, Math.max(min, Math.round(2 * desiredFen - capFen)));
  return { chance: 1, loFen: lo, hiFen: capFen };
}
