/**
 * The Tencent Foundation pool in the database. Each session day's release is split into
 * `match.shards` shard documents; a user always draws from the shard their openid hashes to, and the
 * shard carries that user's daily cap and recent-donation state, so one transaction reading two
 * documents (the order and the shard) decides a draw atomically and exactly once per order.
 */
import type { CampaignSettings } from '../../domain/settings';
import type { MatchOutcome } from '../../domain/api';
import { beijingDate, matchWindow, sessionDayIndex } from '../../domain/time';
import { shardOf, userKey } from '../../domain/ids';
import { applyDraw, decideDraw } from '../../domain/match';
import { releaseForDay, shardBudgets, type ShardState } from '../../domain/pacing';
import { db, insertOnce, insertOrGet } from './cloud';
import { rngFor } from './clock';
import { C } from './collections';

export interface PoolDayDoc {
  _id: string; // Beijing date
  budgetFen: number;
  shardBudgets: number[];
  createdAt: number;
}

export interface PoolShardDoc extends ShardState {
  _id: string; // `${day}_${k}`
  day: string;
  shard: number;
}

/** Per instance: a day's release, settled or in flight (10:00 burst: one release, not one per caller). */
const released = new Map<string, Promise<PoolDayDoc | null>>();

async function spentBefore(day: string): Promise<number> {
  const _ = db().command;
  const { list } = await db()
    .collection(C.poolShards)
    .aggregate()
    .match({ day: _.lt(day) })
    .group({ _id: null, spent: { $sum: '$spentFen' } })
    .end();
  return Number(list[0]?.spent ?? 0);
}

/**
 * Release a session day's budget once (deterministic ids make concurrent releases converge).
 * Runs at the day's first draw, hours after the previous window closed, so previous days are final.
 */
export function ensureDayReleased(settings: CampaignSettings, day: string, nowMs: number): Promise<PoolDayDoc | null> {
  const key = `${settings.id}:${day}`;
  let pending = released.get(key);
  if (!pending) {
    pending = releaseDay(settings, day, nowMs);
    released.set(key, pending);
    pending.then((doc) => doc ?? released.delete(key), () => released.delete(key));
  }
  return pending;
}

async function releaseDay(settings: CampaignSettings, day: string, nowMs: number): Promise<PoolDayDoc | null> {
  const dayIndex = sessionDayIndex(settings, day);
  if (dayIndex < 0) return null;
  let doc = (await db().collection(C.poolDays).doc(day).get()).data as PoolDayDoc | null;
  if (!doc) {
    const budgetFen = releaseForDay(settings.match, dayIndex, await spentBefore(day));
    doc = await insertOrGet<PoolDayDoc>(C.poolDays, { _id: day, budgetFen, shardBudgets: shardBudgets(budgetFen, settings.match.shards), createdAt: nowMs });
  }
  // Create missing shards (a release may have crashed between the day doc and its shards).
  await Promise.all(
    doc.shardBudgets.map((budgetFen, k) =>
      insertOnce<PoolShardDoc>(C.poolShards, { _id: `${day}_${k}`, day, shard: k, budgetFen, spentFen: 0, draws: 0, demandFen: 0, users: {}, projects: {} }),
    ),
  );
  return doc;
}

/** Pool left today: the released budget minus what today's shards spent (projected before release). */
export async function poolLeftToday(settings: CampaignSettings, nowMs: number): Promise<number> {
  const day = beijingDate(nowMs);
  const dayIndex = sessionDayIndex(settings, day);
  if (dayIndex < 0) return 0;
  const { list } = await db()
    .collection(C.poolShards)
    .aggregate()
    .match({ day })
    .group({ _id: null, budget: { $sum: '$budgetFen' }, spent: { $sum: '$spentFen' } })
    .end();
  if (list.length) return Number(list[0].budget) - Number(list[0].spent);
  return releaseForDay(settings.match, dayIndex, await spentBefore(day));
}

type Tx = Parameters<Parameters<ReturnType<typeof db>['runTransaction']>[0]>[0];

export interface DrawRequest {
  settings: CampaignSettings;
  openid: string;
  projectId: string;
  donationFen: number;
  paidAtMs: number;
  nowMs: number;
  kind: 'donation' | 'extra' | 'steps';
  /** Business key of the draw (order id, assist id…): seeds a reproducible draw in tests. */
  key: string;
}

/**
 * Where a payment made at paidAtMs, processed at nowMs, stands against its day's window (no reads):
 * 'open', 'before_open' (outside 10:00–24:00 or the session), or 'window_closed' (paid inside the
 * window but confirmed after it closed: that day's pool is final).
 */
export function drawWindowState(settings: CampaignSettings, paidAtMs: number, nowMs: number): 'open' | 'before_open' | 'window_closed' {
  const day = beijingDate(paidAtMs);
  if (sessionDayIndex(settings, day) < 0) return 'before_open';
  const w = matchWindow(settings.match, day);
  if (paidAtMs < w.startMs || paidAtMs >= w.endMs) return 'before_open';
  return nowMs < w.endMs ? 'open' : 'window_closed';
}

/** Is the pool drawable for a payment made at paidAtMs, processed at nowMs? (no reads) */
export const drawWindowOpen = (settings: CampaignSettings, paidAtMs: number, nowMs: number): boolean =>
  drawWindowState(settings, paidAtMs, nowMs) === 'open';

/**
 * Decide and apply one draw inside a transaction: reads the user's shard, writes it back.
 * Callers must have called ensureDayReleased for the payment's day.
 */
export async function drawInTransaction(tx: Tx, req: DrawRequest): Promise<{ outcome: MatchOutcome; shardId: string | null }> {
  const { settings } = req;
  const state = drawWindowState(settings, req.paidAtMs, req.nowMs);
  if (state !== 'open') return { outcome: { amountFen: 0, reason: state }, shardId: null };
  const day = beijingDate(req.paidAtMs);
  const shardId = `${day}_${shardOf(req.openid, settings.match.shards)}`;
  const ref = tx.collection(C.poolShards).doc(shardId);
  const shard = (await ref.get()).data as PoolShardDoc | null;
  if (!shard) throw new Error(`pool shard ${shardId} missing: day not released`);
  const uk = userKey(req.openid);
  const decision = decideDraw({
    settings: settings.match,
    nowMs: req.nowMs,
    window: matchWindow(settings.match, day),
    donationFen: req.donationFen,
    paidAtMs: req.paidAtMs,
    shard,
    userKey: uk,
    projectId: req.projectId,
    shards: settings.match.shards,
    rng: rngFor(`draw:${req.key}`),
    kind: req.kind,
  });
  const next = applyDraw(shard, uk, req.projectId, req.paidAtMs, decision.amountFen, settings.match, {
    kind: req.kind,
    counted: decision.counted,
    demandFen: decision.demandFen,
  });
  await ref.update({
    data: {
      spentFen: next.spentFen,
      draws: next.draws,
      demandFen: next.demandFen ?? 0,
      users: { [uk]: next.users[uk] },
      projects: { [req.projectId]: next.projects[req.projectId] ?? 0 },
    },
  });
  return { outcome: { amountFen: decision.amountFen, ...(decision.reason ? { reason: decision.reason } : {}) }, shardId };
}
