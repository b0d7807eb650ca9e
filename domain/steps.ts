/** 一块走: today's WeRun steps (Beijing day), eligibility, and which sponsor pays how much. */
import { beijingDate } from './time';
import { ErrorCode } from './errors';
import { randomInt, type Rng } from './rng';
import type { CampaignSettings } from './settings';

export interface StepInfo {
  /** Seconds since epoch of the day's Beijing midnight (as WeChat returns it). */
  timestamp: number;
  step: number;
}

/** The step count whose day is the Beijing date of `nowMs` (0 when WeChat has no entry for today). */
export function todaySteps(list: readonly StepInfo[], nowMs: number): number {
  const today = beijingDate(nowMs);
  // Several entries for one day (a re-synced phone) → the highest count.
  const counts = list
    .filter((s) => beijingDate(stepTimestampMs(s.timestamp)) === today)
    .map((s) => Math.max(0, Math.floor(s.step)));
  return counts.length ? Math.max(...counts) : 0;
}

export const isEligible = (steps: number, threshold: number): boolean => steps >= threshold;

/** A sponsor with budget left, chosen with probability proportional to what it has left. */
export function pickSponsor(sponsors: ReadonlyArray<{ id: string; leftFen: number }>, rng: Rng): string | null {
  const open = sponsors.filter((s) => s.leftFen > 0);
  const total = open.reduce((t, s) => t + s.leftFen, 0);
  if (total <= 0) return null;
  let ticket = randomInt(rng, 1, total);
  for (const s of open) {
    ticket -= s.leftFen;
    if (ticket <= 0) return s.id;
  }
  return open[open.length - 1].id;
}

/** Random whole-fen amount in the campaign's bounds, never above the sponsor's budget left. */
export function stepAmount(rng: Rng, steps: CampaignSettings['steps'], leftFen: number): number {
  if (leftFen <= 0) return 0;
  return Math.min(leftFen, randomInt(rng, steps.minFen, steps.maxFen));
}

/** WeChat returns seconds; tolerate milliseconds too (anything past year 5138 in seconds is ms). */
export const stepTimestampMs = (timestamp: number): number => (timestamp > 1e11 ? timestamp : timestamp * 1000);

/** What a walker is told when every sponsor's budget is used up (the steps still earn the flower). */
export const SPONSORS_EXHAUSTED_NOTICE = {
  code: ErrorCode.SPONSORS_EXHAUSTED,
  message: '今日企业捐步额度已用完，送你一朵小红花',
} as const;

/**
 * Does a step donation get a Foundation draw (only inside the match window, by chance)?
 * Only sponsor money is drawn on.
 */
export const wantsStepMatch = (windowOpen: boolean, chance: number, rng: Rng): boolean => windowOpen && rng() < chance;
