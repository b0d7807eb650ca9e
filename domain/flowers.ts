/**
 * Small red flowers: earned by donating, the quiz or walking (each source capped per Beijing day),
 * kept in an account and given to projects.
 */
import type { CampaignSettings } from './settings';
import type { FlowerSource } from './api/states';

export type { FlowerSource };

type FlowerSettings = CampaignSettings['flowers'];
const flowerSettings = (s: FlowerSettings | Pick<CampaignSettings, 'flowers'>): FlowerSettings =>
  'flowers' in s ? s.flowers : s;

export function dailyCap(source: FlowerSource, s: FlowerSettings): number {
  return { donate: s.donateDailyCap, quiz: s.quizDailyCap, steps: s.stepsDailyCap }[source];
}

/** Flowers one action of `source` earns now, given what that source already earned today (0 at the cap). */
export function flowersFor(
  source: FlowerSource,
  earnedTodayBySource: Partial<Record<FlowerSource, number>>,
  settings: FlowerSettings | Pick<CampaignSettings, 'flowers'>,
): number {
  const s = flowerSettings(settings);
  const perAction = source === 'donate' ? s.perDonation : 1;
  const left = dailyCap(source, s) - (earnedTodayBySource[source] ?? 0);
  return Math.max(0, Math.min(perAction, left));
}

/** A give of `count` whole flowers that never takes the balance below zero. */
export const canGive = (balance: number, count: number): boolean =>
  Number.isSafeInteger(count) && count > 0 && Number.isSafeInteger(balance) && count <= balance;
