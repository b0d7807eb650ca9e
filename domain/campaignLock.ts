/**
 * Which campaign settings are money rules, and whether a change of them is allowed: once the session has started
 * (its first Beijing day has come) they are locked, and only an explicit, audited override may change them.
 */
import type { CampaignSettings } from './settings';
import { beijingDate } from './time';

/** The settings that move or cap money. */
export const MONEY_RULES = ['match', 'topup', 'steps', 'minDonationFen', 'maxDonationFen'] as const;

/** The money rules `next` changes relative to `prev` (none for a new campaign). */
export function changedMoneyRules(prev: CampaignSettings | null, next: CampaignSettings): string[] {
  if (!prev) return [];
  return MONEY_RULES.filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]));
}

export const sessionStarted = (c: Pick<CampaignSettings, 'startDate'>, nowMs: number): boolean =>
  beijingDate(nowMs) >= c.startDate;
