/**
 * The match draw for one eligible donation (or extra / step draw) against one pool shard and the
 * donor's own match state. Pure: the clock, the shard, the user's state and the Rng come in; the
 * caller writes `applyDraw`'s results back (the shard and the user's document, in one transaction).
 */
import type { MatchOutcome, NoMatchReason } from './api';
import { assertFen } from './errors';
import { drawPlan, pacingStep, ratioCapFen, type ShardState, type TimeWindow } from './pacing';
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
  /** The donor's matched total on the payment's day and their recent paid donations. */
  user: UserMatchState;
  /** Id of this payment (the order id): breaks ties between donations paid in the same second. */
  markId?: string;
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

/** One paid donation of a user: WeChat's paid time (whole seconds) and the order id. */
export interface PaidMark {
  at: number;
  id: string;
  /** False for a payment WeChat Pay reported that has not been notified (recorded) yet. */
  notified?: boolean;
}

/** What the draw needs to know about the donor (kept in the user's own document, not in a shard). */
export interface UserMatchState {
  /** Matched fen on the payment's Beijing day (the daily cap). */
  matchedFen: number;
  /** The user's latest paid donations by paid time, bounded (`RECENT_PAID_KEPT`). */
  recent: PaidMark[];
}

export const emptyUser = (): UserMatchState => ({ matchedFen: 0, recent: [] });

const MINUTE_MS = 60_000;

/**
 * Paid donations kept per user for the rate limit: enough to judge a late notification against the
 * minute around its paid time, bounded so the user's document stays small.
 */
export const RECENT_PAID_KEPT = 16;

const sorted = (a: PaidMark, b: PaidMark) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Does `m` count as paid before `me`? By paid time; within the same second (WeChat's precision) a
 * payment already recorded came first, and two not yet recorded are ordered by id.
 */
const paidBefore = (m: PaidMark, me: PaidMark) =>
  m.at < me.at || (m.at === me.at && (m.notified !== false || m.id < me.id));

/**
 * Rank of a payment among the user's paid donations of the 60 s ending at its paid time, itself
 * included: judged by PAID time (WeChat's timeEnd), so it does not depend on the order in which
 * notifications arrive. `recent` may hold this payment itself; it is not counted twice.
 */
export function donationsInLastMinute(recent: readonly PaidMark[], paidAtMs: number, id = ''): number {
  const me = { at: paidAtMs, id };
  const ids = new Set<string>();
  for (const m of recent) if (m.id !== id && m.at > paidAtMs - MINUTE_MS && paidBefore(m, me)) ids.add(m.id);
  return 1 + ids.size;
}

/** A user's recent paid list with `mark` added: sorted by paid time, deduplicated, bounded. */
export function withPaid(recent: readonly PaidMark[], mark: PaidMark): PaidMark[] {
  const all = [...recent.filter((m) => m.id !== mark.id), { at: mark.at, id: mark.id }].sort(sorted);
  return all.slice(-RECENT_PAID_KEPT);
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
  const user = input.user;
  // Only a user's own paid donations count toward the machine-speed limit (≥ 5 a minute, NOTES 2017).
  if (
    input.kind === 'donation' &&
    donationsInLastMinute(user.recent, paidAtMs, input.markId) > s.maxDonationsPerMinute
  ) {
    return no('rate_limited', false);
  }

  const min = s.minMatchFen;
  const userLeft = s.userDailyCapFen - user.matchedFen;
  const projectLeft = projectShardCapFen(s, input.shards) - (shard.projects[input.projectId] ?? 0);
  const poolLeft = shard.budgetFen - shard.spentFen;
  if (userLeft < min) return no('user_cap', true);
  if (projectLeft < min) return no('project_cap', true);
  if (poolLeft < min) return no('pool_empty', true);
  // A match is bounded by a share of its donation (`maxRatioBp`), never the whole of it by default.
  const demandFen = Math.max(0, Math.min(ratioCapFen(donationFen, s), s.maxMatchFen, userLeft, projectLeft));
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
  /** The payment's id (order id) for the user's recent list. */
  markId?: string;
}

/**
 * New shard and user state after a decided draw (inputs untouched). Records spend, the draw and the
 * project's total on the shard; the user's matched total and (donations only) the paid time.
 */
export function applyDraw(
  shard: ShardState,
  user: UserMatchState,
  projectId: string,
  paidAtMs: number,
  amountFen: number,
  settings: MatchSettings,
  options: ApplyOptions = {},
): { shard: ShardState; user: UserMatchState } {
  const next = { shard: { ...shard, projects: { ...shard.projects } }, user: { ...user, recent: [...user.recent] } };
  applyDrawInPlace(next.shard, next.user, projectId, paidAtMs, amountFen, settings, options);
  return next;
}

/** Same as `applyDraw` but mutates `shard` and `user` (for simulations that own their state). */
export function applyDrawInPlace(
  shard: ShardState,
  user: UserMatchState,
  projectId: string,
  paidAtMs: number,
  amountFen: number,
  _settings: MatchSettings,
  { kind = 'donation', counted = true, demandFen = 0, markId = String(paidAtMs) }: ApplyOptions = {},
): void {
  assertFen(amountFen, 'amountFen');
  if (shard.spentFen + amountFen > shard.budgetFen) throw new RangeError('draw would overspend the shard');
  if (kind === 'donation') user.recent = withPaid(user.recent, { at: paidAtMs, id: markId });
  if (amountFen > 0) shard.projects[projectId] = (shard.projects[projectId] ?? 0) + amountFen;
  user.matchedFen += amountFen;
  shard.spentFen += amountFen;
  if (counted) {
    shard.draws += 1;
    if (typeof shard.demandFen === 'number') shard.demandFen += demandFen;
  }
}
