/**
 * A whole session replayed through the pure match rules (domain/match.ts, pacing.ts) and a model of
 * the database (dbModel.ts): every paid donation runs the payment callback's transaction — reads the
 * order, the donor's match document and (in the match window) one pool shard, writes the order, the
 * donor's document, the shard when the draw counted, one journal entry, one project counter shard and
 * (optionally) one campaign stats shard. Shards are picked at random; a conflicting attempt is retried
 * at once on another shard, up to `attempts` in all; a callback that runs out is redelivered by WeChat.
 *
 * Streaming: arrivals are generated second by second, per-user state lives in typed arrays, so memory
 * is O(donors + shards), not O(donations). A `sample` of r replays 1/r of the donations, donors and
 * money and stretches transaction lifetimes r-fold: every shared document then sees 1/r of the rate
 * for r times as long, so the overlap probability (what conflicts depend on) and the concurrency are
 * those of the full session; counts and per-second rates are scaled back by r.
 */
import { applyDrawInPlace, decideDraw, type DrawDecision, type UserMatchState } from '../../domain/match';
import { emptyShard, releaseForDay, shardBudgets, type ShardState, type TimeWindow } from '../../domain/pacing';
import { seededRng, type Rng } from '../../domain/rng';
import type { CampaignSettings, MatchSettings } from '../../domain/settings';
import { beijingMs, matchWindow, sessionDates } from '../../domain/time';
import { expectedPerSecond, forEachArrival, peakExpectedPerSecond, type ArrivalProfile } from './arrivals';
import { Holds, PeakCounter, StartHeap, tryCommit, type SharedDoc, type TxTiming, type Write } from './dbModel';
import { docSizes, expectedDistinct } from './docSizes';

export interface SessionConfig {
  name: string;
  campaign: CampaignSettings;
  /** Full-scale totals. */
  donations: number;
  donors: number;
  projects: number;
  /** Project popularity ∝ 1 / rank^zipfS. */
  zipfS: number;
  mix: ReadonlyArray<{ fen: number; weight: number }>;
  profile: ArrivalProfile;
  /** Pool shards per day come from `campaign.match.shards`. */
  projectShards: number;
  /** Campaign stats shards written by the callback (0: none). */
  statsShards: number;
  tx: TxTiming & {
    /** Attempts of runTransaction in all (first try + retries). */
    attempts: number;
    /** WeChat's renotification after a failed callback (first interval, 15 s). */
    redeliverMs: number;
  };
  /** Callback reads in / outside the match window; whether it writes the donor's document outside the window. */
  callback: { readsInWindow: number; readsOutside: number; userDocOutsideWindow: boolean };
  /** Database operations per donation outside the callback (create the order, the client's status read). */
  otherReads: number;
  otherWrites: number;
  /** Pay-as-you-go prices, yuan per 10,000 operations. */
  pricePer10k: { read: number; write: number };
  sample: number;
  seed: string;
  bucketMs: number;
  log?: (line: string) => void;
}

export interface SessionResult {
  variant: string;
  seed: string;
  sample: number;
  donations: number;
  donors: number;
  raisedFen: number;
  matchedDonations: number;
  matchedFen: number;
  budgetFen: number;
  overspentFen: number;
  utilisationPerDay: number[];
  windowUsedSharePerDay: number[];
  shards: { pool: number; projectCounter: number; campaignStats: number; attempts: number };
  txMs: [number, number];
  peakDonationsPerSec: number;
  peakConcurrentCallbacks: number;
  peakDbOpsPerSec: number;
  peakWritesPerSecHottestDoc: number;
  hottestDoc: string;
  peakWritesPerSecByDoc: Record<string, number>;
  conflictsPerDonation: number;
  conflictsByDoc: Record<string, number>;
  maxAttemptsUsed: number;
  failedCallbacks: number;
  callbackReadsPerDonation: number;
  callbackWritesPerDonation: number;
  dbOpsPerDonation: number;
  dbOpsTotal: number;
  dbReadsTotal: number;
  dbWritesTotal: number;
  dbCostYuan: number;
  maxDocBytes: number;
  maxDoc: string;
  docBytes: Record<string, number>;
}

interface Attempt {
  startMs: number;
  paidAtMs: number;
  day: number;
  user: number;
  project: number;
  fen: number;
  id: number;
  attempt: number;
  avoidShard: number;
}

interface Day {
  date: string;
  window: TimeWindow;
  shards: ShardState[];
  budgetFen: number;
  spentFen: number;
  exhaustedAtMs: number | null;
  matchesPerShard: Int32Array;
}

function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

function pick(cum: Float64Array, rng: Rng): number {
  const r = rng();
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const EXHAUSTED_AT = 0.995; // as simulateDay: a day's pool counts as spent at 99.5 %

export function runSession(cfg: SessionConfig): SessionResult {
  const r = Math.max(1, Math.floor(cfg.sample));
  const rng = seededRng(`${cfg.seed}:${cfg.name}`);
  const full = cfg.campaign.match;
  // A sample carries 1/r of the money too, so each shard's budget meets 1/r of its demand.
  // The rules see S/r pool shards, each standing for r real ones, so each keeps a real shard's budget
  // and demand (pacing is per shard); the database model keeps S documents with stretched lifetimes.
  const S = full.shards;
  const match: MatchSettings = {
    ...full,
    poolFen: Math.round(full.poolFen / r),
    projectDailyCapFen: Math.round(full.projectDailyCapFen / r),
    shards: Math.max(1, Math.round(S / r)),
  };
  const ruleShardOf = (doc: number): number => Math.floor((doc * match.shards) / S);
  const K = cfg.projectShards;
  const M = cfg.statsShards;
  const P = cfg.projects;
  const U = Math.max(1, Math.round(cfg.donors / r));
  const R = Math.max(1, match.maxDonationsPerMinute); // paid times a user needs for the rate limit (time-ordered)
  const dates = sessionDates(cfg.campaign);
  const stretch = r;

  const projectShares = new Float64Array(P).map((_, i) => 1 / (i + 1) ** cfg.zipfS);
  const shareSum = projectShares.reduce((a, b) => a + b, 0);
  projectShares.forEach((v, i) => (projectShares[i] = v / shareSum));
  const projectCum = cumulative(projectShares);
  const mixCum = cumulative(cfg.mix.map((m) => m.weight));
  const projectIds = Array.from({ length: P }, (_, i) => `p${i}`);

  const userMatched = new Int32Array(U);
  const userMatchedDay = new Int8Array(U).fill(-1);
  const userRecent = new Float64Array(U * R);
  const userRecentN = new Uint8Array(U);
  const userDonations = new Uint16Array(U);

  const holds: Record<SharedDoc, Holds> = {
    user: new Holds(U),
    pool: new Holds(S * dates.length),
    project: new Holds(P * K),
    stats: new Holds(Math.max(1, M)),
  };
  const peaks: Record<Exclude<SharedDoc, 'user'>, PeakCounter> = {
    // A sampled document sees 1/r of its real rate: count it over r buckets (one real bucket's worth).
    pool: new PeakCounter(S * dates.length, cfg.bucketMs * r),
    project: new PeakCounter(P * K, cfg.bucketMs * r),
    stats: new PeakCounter(Math.max(1, M), cfg.bucketMs * r),
  };
  const donationRate = new PeakCounter(1, cfg.bucketMs);
  const opsRate = new PeakCounter(1, cfg.bucketMs);
  const busyMs = new PeakCounter(1, cfg.bucketMs);
  const conflictsByDoc: Record<SharedDoc, number> = { user: 0, pool: 0, project: 0, stats: 0 };

  let donations = 0;
  let raisedFen = 0;
  let matchedFen = 0;
  let matchedDonations = 0;
  let reads = 0;
  let writes = 0;
  let failedCallbacks = 0;
  let maxAttemptsUsed = 0;
  const heap = new StartHeap<Attempt>();
  const days: Day[] = [];

  const userState = (a: Attempt): UserMatchState => {
    const u = a.user;
    const recent = [];
    for (let i = 0; i < userRecentN[u]; i++) {
      const at = userRecent[u * R + i];
      recent.push({ at, id: `t${at}` });
    }
    return { matchedFen: userMatchedDay[u] === a.day ? userMatched[u] : 0, recent };
  };
  const storeUser = (a: Attempt, state: UserMatchState): void => {
    const u = a.user;
    userMatched[u] = state.matchedFen;
    userMatchedDay[u] = a.day;
    const kept = state.recent.slice(-R);
    kept.forEach((m, i) => (userRecent[u * R + i] = m.at));
    userRecentN[u] = kept.length;
  };

  // One attempt of the payment callback's transaction.
  const run = (a: Attempt): void => {
    const day = days[a.day];
    const durationMs = (cfg.tx.minMs + rng() * (cfg.tx.maxMs - cfg.tx.minMs)) * stretch;
    const inWindow = a.paidAtMs >= day.window.startMs && a.paidAtMs < day.window.endMs && a.startMs < day.window.endMs;
    let shard = -1;
    if (inWindow) {
      shard = Math.floor(rng() * (a.avoidShard >= 0 && S > 1 ? S - 1 : S));
      if (a.avoidShard >= 0 && S > 1 && shard >= a.avoidShard) shard++;
    }
    const counter = a.project * K + Math.floor(rng() * K);
    const stats = M > 0 ? Math.floor(rng() * M) : -1;
    let user: UserMatchState | null = null;
    let decision: DrawDecision | null = null;
    if (inWindow) {
      user = userState(a);
      decision = decideDraw({
        settings: match,
        nowMs: a.startMs,
        window: day.window,
        donationFen: a.fen,
        paidAtMs: a.paidAtMs,
        shard: day.shards[ruleShardOf(shard)],
        user,
        markId: `o${a.id}`,
        projectId: projectIds[a.project],
        shards: match.shards,
        rng,
        kind: 'donation',
      });
    }
    // Writes in the callback's order: order, user doc, pool shard, journal, project counter, stats
    // (null: a document no other transaction writes — the order, the journal entry's fresh id).
    const list: Array<Write<SharedDoc>> = [null];
    if (inWindow || cfg.callback.userDocOutsideWindow) list.push(['user', a.user]);
    if (decision?.counted) list.push(['pool', a.day * S + shard]);
    list.push(null, ['project', counter]);
    if (stats >= 0) list.push(['stats', stats]);
    const nReads = inWindow ? cfg.callback.readsInWindow : cfg.callback.readsOutside;

    const outcome = tryCommit(holds, list, a.startMs, durationMs, cfg.tx);
    const written = outcome.ok ? list.length : outcome.conflictAt + 1; // the failing write is a request too
    reads += nReads;
    writes += written;
    opsRate.hit(0, a.startMs, nReads + written);
    busyMs.hit(0, a.startMs, outcome.atMs - a.startMs);
    if (!outcome.ok) {
      conflictsByDoc[list[outcome.conflictAt]![0]]++;
      const next = { ...a, startMs: outcome.atMs, attempt: a.attempt + 1, avoidShard: shard };
      if (next.attempt < cfg.tx.attempts) heap.push(next);
      else {
        failedCallbacks++;
        heap.push({ ...next, startMs: outcome.atMs + cfg.tx.redeliverMs, attempt: 0 });
      }
      return;
    }
    for (const w of list) if (w && w[0] !== 'user') peaks[w[0]].hit(w[1], a.startMs);
    maxAttemptsUsed = Math.max(maxAttemptsUsed, a.attempt + 1);
    if (decision && user && decision.reason !== 'before_open' && decision.reason !== 'below_minimum') {
      const s = day.shards[ruleShardOf(shard)];
      applyDrawInPlace(s, user, projectIds[a.project], a.paidAtMs, decision.amountFen, match, {
        counted: decision.counted,
        demandFen: decision.demandFen,
        markId: `o${a.id}`,
      });
      storeUser(a, user);
      if (decision.amountFen > 0) {
        matchedFen += decision.amountFen;
        matchedDonations++;
        day.spentFen += decision.amountFen;
        day.matchesPerShard[ruleShardOf(shard)]++;
        if (day.exhaustedAtMs === null && day.spentFen >= Math.ceil(day.budgetFen * EXHAUSTED_AT))
          day.exhaustedAtMs = a.startMs;
      }
    }
  };

  const drainUntil = (ms: number): void => {
    while (heap.size && heap.peekStart() <= ms) run(heap.pop()!);
  };

  const perDay = Math.round(cfg.donations / r / dates.length);
  let peakExpected = 0;
  dates.forEach((date, d) => {
    const dayStartMs = beijingMs(date, '00:00');
    drainUntil(dayStartMs);
    const budgetFen = releaseForDay(match, d, matchedFen);
    const window = matchWindow(match, date);
    days.push({
      date,
      window,
      shards: shardBudgets(budgetFen, match.shards).map((b) => emptyShard(b)),
      budgetFen,
      spentFen: 0,
      exhaustedAtMs: null,
      matchesPerShard: new Int32Array(match.shards),
    });
    const perSecond = expectedPerSecond(cfg.profile, perDay, Math.round((window.startMs - dayStartMs) / 1000));
    peakExpected = Math.max(peakExpected, peakExpectedPerSecond(perSecond));
    forEachArrival(dayStartMs, perSecond, rng, (paidAtMs) => {
      drainUntil(paidAtMs);
      const user = Math.floor(rng() * U);
      const fen = cfg.mix[pick(mixCum, rng)].fen;
      userDonations[user] = Math.min(65_535, userDonations[user] + 1);
      donations++;
      raisedFen += fen;
      donationRate.hit(0, paidAtMs);
      opsRate.hit(0, paidAtMs, cfg.otherReads + cfg.otherWrites); // create + status, counted at the payment
      run({
        startMs: paidAtMs,
        paidAtMs,
        day: d,
        user,
        project: pick(projectCum, rng),
        fen,
        id: donations,
        attempt: 0,
        avoidShard: -1,
      });
    });
    const day = days[d];
    cfg.log?.(
      `${cfg.name} ${date}: ${donations} donations so far, day spent ${day.spentFen}/${day.budgetFen} fen, ` +
        `heap ${heap.size}, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
  });
  drainUntil(Infinity);

  let overspentFen = Math.max(0, matchedFen - match.poolFen);
  for (const day of days) for (const s of day.shards) overspentFen += Math.max(0, s.spentFen - s.budgetFen);
  const reads_ = (reads + cfg.otherReads * donations) * r;
  const writes_ = (writes + cfg.otherWrites * donations) * r;
  const maxMatchesPerShard = Math.max(...days.map((d) => Math.max(...d.matchesPerShard)));
  const observedProjectsPerShard = Math.max(
    ...days.flatMap((d) => d.shards.map((s) => Object.keys(s.projects).length)),
  );
  const sizes = docSizes({
    days: dates,
    projectsPerShard: Math.ceil(
      Math.max(observedProjectsPerShard, expectedDistinct(projectShares, maxMatchesPerShard)),
    ),
    projectsPerUser: userDonations.reduce((a, b) => Math.max(a, b), 0),
    openOrdersPerUser: match.maxDonationsPerMinute + 1,
    shards: S,
    projects: P,
  });
  const [maxDoc, maxDocBytes] = Object.entries(sizes).reduce((a, b) => (b[1] > a[1] ? b : a));
  const docPeaks = {
    poolShard: peaks.pool.perSecond() * r,
    projectCounter: peaks.project.perSecond() * r,
    ...(M > 0 ? { campaignStats: peaks.stats.perSecond() * r } : {}),
  };
  const [hottestDoc, peakWritesPerSecHottestDoc] = Object.entries(docPeaks).reduce((a, b) => (b[1] > a[1] ? b : a));
  const conflicts = Object.values(conflictsByDoc).reduce((a, b) => a + b, 0);
  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  return {
    variant: cfg.name,
    seed: cfg.seed,
    sample: r,
    donations: donations * r,
    donors: U * r,
    raisedFen: raisedFen * r,
    matchedDonations: matchedDonations * r,
    matchedFen: matchedFen * r,
    budgetFen: full.poolFen,
    overspentFen: overspentFen * r,
    utilisationPerDay: days.map((d) => round(d.budgetFen ? d.spentFen / d.budgetFen : 0)),
    windowUsedSharePerDay: days.map((d) =>
      round(d.exhaustedAtMs === null ? 1 : (d.exhaustedAtMs - d.window.startMs) / (d.window.endMs - d.window.startMs)),
    ),
    shards: { pool: S, projectCounter: K, campaignStats: M, attempts: cfg.tx.attempts },
    txMs: [cfg.tx.minMs, cfg.tx.maxMs],
    peakDonationsPerSec: round(Math.max(donationRate.perSecond(), peakExpected) * r, 1),
    peakConcurrentCallbacks: round(busyMs.perSecond() / 1000, 1),
    peakDbOpsPerSec: round(opsRate.perSecond() * r, 1),
    peakWritesPerSecHottestDoc: round(peakWritesPerSecHottestDoc, 1),
    hottestDoc,
    peakWritesPerSecByDoc: Object.fromEntries(Object.entries(docPeaks).map(([k, v]) => [k, round(v, 1)])),
    conflictsPerDonation: round(conflicts / donations, 5),
    conflictsByDoc: Object.fromEntries(Object.entries(conflictsByDoc).map(([k, v]) => [k, v * r])),
    maxAttemptsUsed,
    failedCallbacks: failedCallbacks * r,
    callbackReadsPerDonation: round(reads / donations, 3),
    callbackWritesPerDonation: round(writes / donations, 3),
    dbOpsPerDonation: round((reads_ + writes_) / (donations * r), 3),
    dbOpsTotal: reads_ + writes_,
    dbReadsTotal: reads_,
    dbWritesTotal: writes_,
    dbCostYuan: round((reads_ / 1e4) * cfg.pricePer10k.read + (writes_ / 1e4) * cfg.pricePer10k.write, 2),
    maxDocBytes,
    maxDoc,
    docBytes: sizes,
  };
}
