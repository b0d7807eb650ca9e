/**
 * The match draw for one eligible donation (or extra / step draw) against one pool shard.
 * Pure: the clock, the shard state and the Rng come in; the caller writes `applyDraw`'s result back
 * in one update (a compare-and-set on the shard document).
 */
import type { MatchOutcome, NoMatchReason } from './api';
import { assertFen } from './errors';
import { drawPlan, pacingStep, type ShardState, type TimeWindow } from './pacing';
import { randomInt, type Rng } from './rng';
import type { MatchSettings } from './settings';

export type DrawKind = 'donation' | 'extra' | 'steps';

export interface DrawInput {
  settings: MatchSettings;
  /** When the draw is decided (pacing clock). */
  nowMs: number;
  /** Match window of the Beijing day the donation was paid on; null when that day is not a session day. */
  window: TimeWindow | null;
  donationFen: number;
  paidAtMs: number;
  shard: ShardState;
  userKey: string;
  projectId: string;
  /** Shards of the day (the project's daily cap is split over them). */
  shards: number;
  rng: Rng;
  kind: DrawKind;
}

export interface DrawDecision extends MatchOutcome {
  /** True when the draw reached the chance stage: record it (`applyDraw`) so it feeds the demand estimate. */
  counted: boolean;
  /** Matchable amount of this draw (0 when not counted): pass to `applyDraw` for the shard's `demandFen`. */
  demandFen: number;
}

const MINUTE_MS = 60_000;

/** Paid donations by the user within the 60 s ending at `paidAtMs`, this one included. */
export function donationsInLastMinute(recent: readonly number[], paidAtMs: number): number {
  return 1 + recent.filter((t) => t > paidAtMs - MINUTE_MS && t <= paidAtMs).length;
}

/** The project's daily cap as seen by one shard. */
export const projectShardCapFen = (settings: MatchSettings, shards: number): number =>
  Math.floor(settings.projectDailyCapFen / Math.max(1, shards));

const no = (reason: NoMatchReason, counted: boolean, demandFen = 0): DrawDecision => ({
  amountFen: 0,
  reason,
  counted,
  demandFen,
});

export function decideDraw(input: DrawInput): DrawDecision {
  const { settings: s, window, shard, donationFen, paidAtMs } = input;
  assertFen(donationFen, 'donationFen');
  if (!window || paidAtMs < window.startMs || paidAtMs >= window.endMs) return no('before_open', false);
  // Step gifts are small sponsor amounts (e.g. 0.5 yuan); the 1-yuan minimum is for user donations.
  if (input.kind !== 'steps' && donationFen < s.minDonationFen) return no('below_minimum', false);
  const user = shard.users[input.userKey];
  // Only a user's own paid donations count toward the machine-speed limit (≥ 5 a minute, NOTES 2017).
  if (input.kind === 'donation' && donationsInLastMinute(user?.recent ?? [], paidAtMs) > s.maxDonationsPerMinute) {
    return no('rate_limited', false);
  }

  const min = s.minMatchFen;
  const userLeft = s.userDailyCapFen - (user?.matchedFen ?? 0);
  const projectLeft = projectShardCapFen(s, input.shards) - (shard.projects[input.projectId] ?? 0);
  const poolLeft = shard.budgetFen - shard.spentFen;
  if (userLeft < min) return no('user_cap', true);
  if (projectLeft < min) return no('project_cap', true);
  if (poolLeft < min) return no('pool_empty', true);
  const demandFen = Math.max(0, Math.min(donationFen, s.maxMatchFen, userLeft, projectLeft));
  const capFen = Math.min(demandFen, poolLeft);
  if (capFen < min) return no('not_drawn', true, demandFen); // the donation itself is smaller than the least match

  const now = Math.min(Math.max(input.nowMs, paidAtMs), window.endMs);
  const pace = pacingStep(shard, window, now, capFen);
  if (pace.refuse) return no('not_drawn', true, demandFen);
  const plan = drawPlan(pace.desiredFen, capFen, s);
  if (!(input.rng() < plan.chance)) return no('not_drawn', true, demandFen);
  const amountFen = Math.min(capFen, randomInt(input.rng, plan.loFen, plan.hiFen));
  return { amountFen, counted: true, demandFen };
}

export interface ApplyOptions {
  kind?: DrawKind;
  /** From `DrawDecision.counted`; false records only the paid time (rate limit). */
  counted?: boolean;
  /** From `DrawDecision.demandFen`. */
  demandFen?: number;
}

/**
 * New shard state after a decided draw (input untouched). Records spend, the draw, the user's
 * matched total and recent paid times (last `maxDonationsPerMinute` only), and the project's total.
 */
export function applyDraw(
  shard: ShardState,
  userKey: string,
  projectId: string,
  paidAtMs: number,
  amountFen: number,
  settings: MatchSettings,
  options: ApplyOptions = {},
): ShardState {
  const next = { ...shard, users: { ...shard.users }, projects: { ...shard.projects } };
  applyDrawInPlace(next, userKey, projectId, paidAtMs, amountFen, settings, options);
  return next;
}

/** Same as `applyDraw` but mutates `shard` (for simulations that own their state; copying is O(users)). */
export function applyDrawInPlace(
  shard: ShardState,
  userKey: string,
  projectId: string,
  paidAtMs: number,
  amountFen: number,
  settings: MatchSettings,
  { kind = 'donation', counted = true, demandFen = 0 }: ApplyOptions = {},
): void {
  assertFen(amountFen, 'amountFen');
  if (shard.spentFen + amountFen > shard.budgetFen) throw new RangeError('draw would overspend the shard');
  const prev = shard.users[userKey] ?? { matchedFen: 0, recent: [] };
  const recent =
    kind === 'donation'
      ? [...prev.recent, paidAtMs].sort((a, b) => a - b).slice(-Math.max(1, settings.maxDonationsPerMinute))
      : prev.recent;
  if (amountFen > 0) shard.projects[projectId] = (shard.projects[projectId] ?? 0) + amountFen;
  shard.users[userKey] = { matchedFen: prev.matchedFen + amountFen, recent };
  shard.spentFen += amountFen;
  if (counted) {
    shard.draws += 1;
    if (typeof shard.demandFen === 'number') shard.demandFen += demandFen;
  }
}
