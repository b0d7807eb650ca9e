/**
 * Friend assist rules: a friend counts once per inviter × project × Beijing day; no self-assist;
 * the inviter needs a paid donation to the project; a friend helps at most `maxAssistsPerDay` times
 * a day; a donation earns at most `maxExtraDrawsPerDonation` extra draws.
 */
import type { CampaignSettings } from './settings';
import { randomToken } from './ids';
import type { Rng } from './rng';
import type { AssistNoDrawReason, AssistRefusal } from './api/states';

export type { AssistRefusal };

export interface AssistInput {
  inviter: string;
  friend: string;
  projectId: string;
  day: string;
  alreadyCountedToday: boolean;
  friendAssistsToday: number;
  inviterDonation: { orderId: string; extraDraws: number } | null;
  settings: Pick<CampaignSettings, 'assist'>;
  /** Is the match window open at the time of the help (10:00–24:00 on a session day)? Default true. */
  drawWindowOpen?: boolean;
}

export interface AssistVerdict {
  /** The help is recorded (the friend's daily count goes up). */
  counts: boolean;
  /** It earns the inviter's donation an extra draw. */
  extraDraw: boolean;
  reason?: AssistRefusal | AssistNoDrawReason;
}

export function evaluateAssist(a: AssistInput): AssistVerdict {
  if (a.inviter === a.friend) return { counts: false, extraDraw: false, reason: 'self' };
  if (a.alreadyCountedToday) return { counts: false, extraDraw: false, reason: 'already_assisted' };
  if (a.friendAssistsToday >= a.settings.assist.maxAssistsPerDay)
    return { counts: false, extraDraw: false, reason: 'daily_limit' };
  // Without a paid donation there is nothing to draw for: the help is not recorded, so it neither uses
  // the friend's once-a-day help nor their daily cap, and counts once the inviter has donated.
  if (!a.inviterDonation) return { counts: false, extraDraw: false, reason: 'inviter_not_donated' };
  if (a.inviterDonation.extraDraws >= a.settings.assist.maxExtraDrawsPerDonation)
    return { counts: true, extraDraw: false, reason: 'draws_used_up' };
  // Outside the match window no draw happens, so none of the donation's draws is used up.
  if (a.drawWindowOpen === false) return { counts: true, extraDraw: false, reason: 'before_open' };
  return { counts: true, extraDraw: true };
}

/** Opaque id for a share link: random, carries nothing about the inviter. */
export const makeShareId = (rng: Rng): string => `s${randomToken(rng, 16)}`;

/**
 * Which of the inviter's paid donations (newest first) an extra draw goes to:
 * the newest with draws left, else the newest.
 */
export function pickDonation<T extends { extraDraws?: number }>(
  paidNewestFirst: readonly T[],
  settings: Pick<CampaignSettings, 'assist'>,
): T | null {
  return (
    paidNewestFirst.find((o) => (o.extraDraws ?? 0) < settings.assist.maxExtraDrawsPerDonation) ??
    paidNewestFirst[0] ??
    null
  );
}
