/**
 * Campaign settings: every rule number lives here so federation staff can change it per campaign
 * (stored in the `campaigns` collection; these are the Chongqing 2022 defaults; each number says where it comes from).
 * Money is integer fen; day-bound times are Beijing wall-clock strings.
 */
import { CHONGQING_2022_PRESENTATION } from './campaigns/chongqing2022';

export interface MatchSettings {
  /** Tencent Foundation pool for the whole session (50,000,000 yuan). */
  poolFen: number;
  /** Share of the pool released per session day, in basis points; unspent money rolls to the next day. */
  dailyReleaseBp: number[];
  /** Daily window, Beijing time, "HH:mm" (end "24:00" = midnight). */
  opensAt: string;
  closesAt: string;
  /**
   * Pool shard documents per day. Under CloudBase's first-writer-wins transactions a shard written by
   * two open payment transactions fails one of them, so conflicts grow with (concurrent callbacks ÷
   * shards): each draw picks a shard at random and a retry picks another. 128 keeps retries rare at
   * ~64 concurrent callbacks per function while a day's shards stay cheap to sum (128 small docs).
   */
  shards: number;
  minDonationFen: number;
  /** Per-draw bounds of the random amount. */
  minMatchFen: number;
  maxMatchFen: number;
  /** Base chance that an eligible donation is matched before pacing steers it (0..1). */
  baseChance: number;
  /**
   * One match is at most this share of its donation (basis points; default `MATCH_SHAPE.maxRatioBp`):
   * an idle pool never hands every donor their whole donation back, so the random match looks random.
   */
  maxRatioBp?: number;
  /**
   * When pacing wants more than the base chance can give (an idle pool), the random range's floor rises
   * toward its top, but never above this share of it (basis points; default `MATCH_SHAPE.floorRatioBp`).
   */
  floorRatioBp?: number;
  userDailyCapFen: number;
  projectDailyCapFen: number;
  /** More than this many paid donations by one user within 60 s → no match chance. */
  maxDonationsPerMinute: number;
}

import type { AssistAction } from './api/states';

export type { AssistAction };

/**
 * One campaign (session/festival), stored as `campaigns/{id}`. Everything a screen or rule needs to know about a
 * particular session is here, so nothing outside the document names one (validated by domain/campaignSchema.ts).
 */
export interface CampaignSettings {
  id: string;
  name: string;
  shortName: string;
  region: string;
  organiser: string;
  /** Special supporters shown with the organiser (e.g. 腾讯公益慈善基金会). */
  supporters: string[];
  /** Inclusive session (match) days, Beijing dates "YYYY-MM-DD". */
  startDate: string;
  endDate: string;
  /** Optional warm-up start (Beijing date) before `startDate`: step donations may run from here. */
  warmupStartDate?: string;
  minDonationFen: number;
  maxDonationFen: number;
  /** Unpaid orders close after this many minutes. */
  orderTimeoutMinutes: number;
  match: MatchSettings;
  /** `actions`: what a friend may do to help (Hubei: quiz and flower only). */
  assist: { actions: AssistAction[]; maxAssistsPerDay: number; maxExtraDrawsPerDonation: number };
  quiz: { questionsPerAttempt: number; passMark: number; attemptsPerDay: number; attemptTtlMinutes: number };
  flowers: { perDonation: number; donateDailyCap: number; quizDailyCap: number; stepsDailyCap: number };
  /** 一块走: `startDate`..`endDate` (inclusive Beijing dates) may start before the match days (warm-up). */
  steps: {
    threshold: number;
    minFen: number;
    maxFen: number;
    foundationMatchChance: number;
    startDate: string;
    endDate: string;
  };
  topup: { ratioBp: number };
  /** The campaign's project domains; a project's `domain` field holds a domain `id`. */
  domains: CampaignDomain[];
  /** Donation certificate: number prefix ("CQ2022-"), title and the thank-you sentence. */
  certificate: { prefix: string; title: string; wording: string };
  /** WeChat Pay order body prefix (the body is cut to 40 characters). */
  orderBodyPrefix: string;
  theme: { primary: string; bannerTitle: string; bannerSubtitle: string; slogan?: string };
  /** 配捐开启提醒 (subscription message); a campaign without one uses DEFAULT_REMINDER. */
  reminder?: ReminderSettings;
}

export interface ReminderSettings {
  /** The subscription-message template id (公众平台 → 订阅消息). */
  templateId: string;
  /** Minutes before the daily match window opens that the reminder goes out. */
  leadMinutes: number;
}

/** The emulator's template id; a real deployment sets its own in the campaign document. */
export const DEFAULT_REMINDER: ReminderSettings = { templateId: 'emu-tmpl-match-opens', leadMinutes: 5 };
export const reminderOf = (c: Pick<CampaignSettings, 'reminder'>): ReminderSettings => c.reminder ?? DEFAULT_REMINDER;

export interface CampaignDomain {
  id: string;
  name: string;
  /** Cover/tab colour, "#rrggbb". */
  color: string;
}

export const CHONGQING_2022: CampaignSettings = {
  ...CHONGQING_2022_PRESENTATION,
  id: 'cq2022',
  name: '乡村振兴·重庆专场',
  startDate: '2022-04-27',
  endDate: '2022-04-29',
  minDonationFen: 100,
  maxDonationFen: 5_000_000, // 50,000 yuan per order
  orderTimeoutMinutes: 30,
  match: {
    poolFen: 5_000_000_000,
    dailyReleaseBp: [3334, 3333, 3333],
    opensAt: '10:00',
    closesAt: '24:00',
    shards: 256, // pool shards a day: 1,000 payments at once conflict on ≤ 0.1 of them (bench:match)
    minDonationFen: 100,
    minMatchFen: 1,
    maxMatchFen: 99_900,
    baseChance: 0.5,
    maxRatioBp: 8000, // a match is at most 80 % of the donation (our choice: random, never "all of it")
    floorRatioBp: 5000, // an idle pool's match is still random between half and all of that bound
    userDailyCapFen: 99_900, // 999 yuan per person per day (99公益日 2018)
    projectDailyCapFen: 500_000_000,
    maxDonationsPerMinute: 4,
  },
  assist: { actions: ['donate', 'quiz', 'flower'], maxAssistsPerDay: 30, maxExtraDrawsPerDonation: 5 },
  quiz: { questionsPerAttempt: 5, passMark: 4, attemptsPerDay: 3, attemptTtlMinutes: 30 },
  flowers: { perDonation: 1, donateDailyCap: 3, quizDailyCap: 1, stepsDailyCap: 1 },
  steps: {
    threshold: 6000,
    minFen: 50,
    maxFen: 500,
    foundationMatchChance: 0.3,
    startDate: '2022-04-27',
    endDate: '2022-04-29',
  },
  topup: { ratioBp: 1000 },
};

/**
 * Counter shards per project at most (money and donor counts land on one of them, picked at random per
 * write; a shard exists only once written, the journal creating it). A hot project takes a large share
 * of the 10:00 surge; with first-writer-wins transactions the conflict rate on its counter is about (its
 * concurrent payments ÷ shards), so 128 keeps it low, while a quiet project has only the few shards its
 * donations wrote and a full totals read stays bounded by the catalog × 128 small documents.
 */
export const PROJECT_COUNTER_SHARDS = 128;

/**
 * Attempts of a money transaction (CloudBase's `runTransaction(fn, times)`): conflicts are retried on
 * another shard, so a few attempts make a failed callback vanishingly rare.
 */
export const MONEY_TX_ATTEMPTS = 8;
