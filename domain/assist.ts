/**
 * Friend assist rules: a friend counts once per inviter × project × Beijing day; no self-assist;
 * the inviter needs a paid donation to the project; a friend helps at most `maxAssistsPerDay` times
 * a day; a donation earns at most `maxExtraDrawsPerDonation` extra draws.
 */
import type { CampaignSettings } from './settings';
import { randomToken } from './ids';
import type { Rng } from './rng';

export type AssistRefusal = 'self' | 'already_assisted' | 'daily_limit';

export interface AssistInput {
  inviter: string;
  friend: string;
  projectId: string;
  day: string;
  alreadyCountedToday: boolean;
  friendAssistsToday: number;
  inviterDonation: { orderId: string; extraDraws: number } | null;
  settings: Pick<CampaignSettings, 'assist'>;
}

export interface AssistVerdict {
  /** The help is recorded (the friend's daily count goes up). */
  counts: boolean;
  /** It earns the inviter's donation an extra draw. */
  extraDraw: boolean;
  reason?: AssistRefusal | 'inviter_not_donated' | 'draws_used_up';
}

export function evaluateAssist(a: AssistInput): AssistVerdict {
  if (a.inviter === a.friend) return { counts: false, extraDraw: false, reason: 'self' };
  if (a.alreadyCountedToday) return { counts: false, extraDraw: false, reason: 'already_assisted' };
  if (a.friendAssistsToday >= a.settings.assist.maxAssistsPerDay) return { counts: false, extraDraw: false, reason: 'daily_limit' };
  if (!a.inviterDonation) return { counts: true, extraDraw: false, reason: 'inviter_not_donated' };
  if (a.inviterDonation.extraDraws >= a.settings.assist.maxExtraDrawsPerDonation) return { counts: true, extraDraw: false, reason: 'draws_used_up' };
  return { counts: true, extraDraw: true };
}

/** Opaque id for a share link: random, carries nothing about the inviter. */
export const makeShareId = (rng: Rng): string => `s${randomToken(rng, 16)}`;
