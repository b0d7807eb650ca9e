/**
 * The two sessions `npm run simulate:session` replays. Facts are from the campaigns' published figures; every
 * shape that is not published is an assumption, named as such here and in docs/scale.md.
 */
import { CHONGQING_2022, MONEY_TX_ATTEMPTS, PROJECT_COUNTER_SHARDS } from '../../domain/settings';
import type { ArrivalProfile } from './arrivals';
import type { SessionConfig } from './session';

/**
 * Assumed day shape: quiet night, a morning ramp, lunch and evening peaks (relative weights per
 * Beijing hour), plus an opening surge at 10:00 — matching opens then and is "first come, first
 * served" (2021), and in 2017 the pool "hit its cap fast". 15 % of a day's donations fall in the
 * surge, decaying with a 5-minute time constant (assumed; not published).
 */
export const SESSION_DAY: ArrivalProfile = {
  hourly: [
    0.35, 0.2, 0.1, 0.08, 0.06, 0.08, 0.2, 0.45, 0.7, 0.85, 1, 1, 1.3, 1.1, 0.9, 0.9, 0.9, 1, 1.1, 1.4, 1.6, 1.5, 1.2,
    0.8,
  ],
  surgeShare: 0.15,
  surgeTauS: 300,
};

/**
 * Assumed donation sizes (yuan → weight), calibrated to a mean of ≈ 130 yuan: the 379 M yuan raised
 * minus the 50.54 M match and the 22.43 M enterprise step money, over 2.34 M donations.
 */
export const SESSION_MIX = [
  [1, 30],
  [5, 10],
  [10, 25],
  [50, 13],
  [100, 11],
  [200, 4],
  [500, 4.3],
  [1_000, 2],
  [5_000, 0.6],
  [10_000, 0.3],
].map(([yuan, weight]) => ({ fen: yuan * 100, weight }));

/** CloudBase pay-as-you-go database prices, yuan per 10,000 operations (产品定价, see docs/scale.md). */
export const DB_PRICE_PER_10K = { read: 0.015, write: 0.05 };

const CHONGQING: SessionConfig = {
  name: 'chongqing',
  campaign: CHONGQING_2022,
  donations: 2_340_000, // press, 29 April 2022
  donors: 1_000_000, // assumed (~2.34 donations per donor; not published)
  projects: 300, // ~300 at launch, 286 raised money
  zipfS: 1, // assumed popularity: the top project draws ~16 % of donations
  mix: SESSION_MIX,
  profile: SESSION_DAY,
  projectShards: PROJECT_COUNTER_SHARDS,
  statsShards: 0,
  // Assumed: a callback transaction makes ~8 sequential requests of 4–10 ms inside the same region.
  tx: { minMs: 30, maxMs: 80, readShare: 0.4, attempts: MONEY_TX_ATTEMPTS, redeliverMs: 15_000 },
  callback: { readsInWindow: 3, readsOutside: 2, userDocOutsideWindow: true },
  // Assumed outside the callback: create reads settings + project and inserts the order; one status read.
  otherReads: 3,
  otherWrites: 1,
  pricePer10k: DB_PRICE_PER_10K,
  sample: 1,
  seed: 'session',
  bucketMs: 1_000,
};

/**
 * A 99公益日-sized session: 68.7 M donations over 3 days (treated as 人次, one donation each) with the
 * same day shape. Assumed: the pool scales with donations (50 M × 68.7 / 2.34 ≈ 1.47 B yuan), donors
 * scale likewise (~29 M), 10,000 projects, and shard counts scale with the peak rate.
 */
const SCALE_99 = 68.7 / 2.34;
const GONGYI99: SessionConfig = {
  ...CHONGQING,
  name: 'gongyi99',
  campaign: {
    ...CHONGQING_2022,
    id: 'gy99',
    match: {
      ...CHONGQING_2022.match,
      poolFen: Math.round((CHONGQING_2022.match.poolFen * SCALE_99) / 1e6) * 1e6,
      shards: 4_096,
    },
  },
  donations: 68_700_000,
  donors: Math.round(68_700_000 / 2.34),
  projects: 10_000,
  projectShards: 512,
  sample: 20,
};

export const SCENARIOS: Record<string, SessionConfig> = { chongqing: CHONGQING, gongyi99: GONGYI99 };
