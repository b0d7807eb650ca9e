/**
 * The Tencent Foundation pool in the database. Each session day's release is split into
 * `match.shards` shard documents holding only budget, spend and pacing numbers (bounded size). A draw
 * picks a shard at random per attempt (a first-writer-wins conflict retries on another shard) and reads
 * the donor's own match document for the caps, so one transaction decides a draw atomically and
 * exactly once per business key.
 */
import type { CampaignSettings } from '../../domain/settings';
import type { MatchOutcome } from '../../domain/api';
import { beijingDate, matchWindow, sessionDayIndex } from '../../domain/time';
import { pickShard, poolDayId, poolShardId } from '../../domain/ids';
import { applyDraw, decideDraw, type UserMatchState } from '../../domain/match';
import { releaseForDay, shardBudgets, type ShardState } from '../../domain/pacing';
import { db, insertOnce, insertOrGet } from './cloud';
import { rngFor } from './clock';
import { cachedFor, type Cached } from './campaign';
import { C } from './collections';
import type { DocWrite } from './journal';
import { readMatchUser, userDay, writeMatchUser, type Tx } from './matchUsers';

export interface PoolDayDoc {
  _id: string; // poolDayId
  campaignId: string;
  day: string;
  budgetFen: number;
  shardBudgets: number[];
  createdAt: number;
}

export interface PoolShardDoc extends ShardState {
  _id: string; // poolShardId
  campaignId: string;
  day: string;
  shard: number;
}

/** Per instance: a day's release, settled or in flight (10:00 burst: one release, not one per caller). */
const released = new Map<string, Promise<PoolDayDoc | null>>();

async function spentBefore(campaignId: string, day: string): Promise<number> {
  const _ = db().command;
  const { list } = await db()
    .collection(C.poolShards)
    .aggregate()
    .match({ campaignId, day: _.lt(day) })
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
    pending.then(
      (doc) => doc ?? released.delete(key),
      () => released.delete(key),
    );
  }
  return pending;
}

async function releaseDay(settings: CampaignSettings, day: string, nowMs: number): Promise<PoolDayDoc | null> {
  const dayIndex = sessionDayIndex(settings, day);
  if (dayIndex < 0) return null;
  const campaignId = settings.id;
  let doc = (await db().collection(C.poolDays).doc(poolDayId(campaignId, day)).get()).data as PoolDayDoc | null;
  if (!doc) {
    const budgetFen = releaseForDay(settings.match, dayIndex, await spentBefore(campaignId, day));
    doc = await insertOrGet<PoolDayDoc>(C.poolDays, {
      _id: poolDayId(campaignId, day),
      campaignId,
      day,
      budgetFen,
      shardBudgets: shardBudgets(budgetFen, settings.match.shards),
      createdAt: nowMs,
    });
  }
  // Create missing shards (a release may have crashed between the day doc and its shards).
  await Promise.all(
    doc.shardBudgets.map((budgetFen, k) =>
      insertOnce<PoolShardDoc>(C.poolShards, {
        _id: poolShardId(campaignId, day, k),
        campaignId,
        day,
        shard: k,
        budgetFen,
        spentFen: 0,
        draws: 0,
        demandFen: 0,
        projects: {},
      }),
    ),
  );
  return doc;
}

/** Shards a draw reads at most when the ones it picked are empty. */
const EMPTY_PROBES = 3;
/** Picks per attempt (shards this instance saw empty lately are skipped without a read). */
const PICKS = 8;
const EMPTY_MEMORY_MS = 60_000;
/** Shards this instance saw empty, until when (a refund may refill one: forget after a minute). */
const seenEmpty = new Map<string, number>();

const poolLeftByDay = new Map<string, Cached<number>>();

/**
 * Pool left today (a few seconds old at most): the released budget minus what today's shards spent
 * (projected before release). One aggregate over the day's shards — a fixed count, not history.
 */
export function poolLeftToday(settings: CampaignSettings, nowMs: number): Promise<number> {
  const day = beijingDate(nowMs);
  const key = poolDayId(settings.id, day);
  let cached = poolLeftByDay.get(key);
  if (!cached) {
    // One entry per campaign-day this instance served: drop the other days' (yesterday's is final).
    for (const k of poolLeftByDay.keys()) if (!k.endsWith(`:${day}`)) poolLeftByDay.delete(k);
    poolLeftByDay.set(key, (cached = cachedFor(5_000, () => sumPoolLeft(settings, day))));
  }
  return cached();
}

async function sumPoolLeft(settings: CampaignSettings, day: string): Promise<number> {
  const dayIndex = sessionDayIndex(settings, day);
  if (dayIndex < 0) return 0;
  const { list } = await db()
    .collection(C.poolShards)
    .aggregate()
    .match({ campaignId: settings.id, day })
    .group({ _id: null, budget: { $sum: '$budgetFen' }, spent: { $sum: '$spentFen' } })
    .end();
  if (list.length) return Number(list[0].budget) - Number(list[0].spent);
  return releaseForDay(settings.match, dayIndex, await spentBefore(settings.id, day));
}

export interface DrawRequest {
  settings: CampaignSettings;
  openid: string;
  projectId: string;
  donationFen: number;
  paidAtMs: number;
  nowMs: number;
  kind: 'donation' | 'extra' | 'steps';
  /** Business key of the draw (order id, assist id…): seeds a reproducible draw and the shard pick. */
  key: string;
  /** Attempt of the enclosing transaction (1, 2, …; default 1): a conflict retry draws from another shard. */
  attempt?: number;
  /**
   * The donor's state for the payment's day, when the caller owns the user's document in this
   * transaction (the payment callback); the caller then writes the returned `user`. Without it the
   * draw reads and writes the user's document itself.
   */
  user?: UserMatchState;
  /** The first pick's read, started by the caller beside its own reads (`firstShardRead`). */
  firstShard?: ShardRead | null;
}

export interface DrawResult {
  outcome: MatchOutcome;
  shardId: string | null;
  /** The donor's state after the draw (given `req.user`), else null. */
  user: UserMatchState | null;
  /**
   * The shard's pacing fields to write (null when the draw changed nothing): the caller posts them with
   * the journal entry (`postEntry`'s `with`), which moves the shard's spend from the entry's pool posting.
   */
  pacing: DocWrite | null;
  /** Writes the draw started (the donor's document): the caller awaits them with its own (`alongside`). */
  started: Array<Promise<unknown>>;
}

export interface ShardRead {
  shardId: string;
  ref: ReturnType<Tx['collection']> extends { doc(id: string): infer R } ? R : never;
  doc: Promise<PoolShardDoc | null>;
}

/** Candidate shard ids of one attempt, skipping those this instance saw empty lately. */
function candidates(campaignId: string, day: string, key: string, attempt: number, shards: number): string[] {
  const now = Date.now();
  const out: string[] = [];
  for (let j = 0; j < PICKS && out.length < EMPTY_PROBES; j++) {
    const id = poolShardId(campaignId, day, pickShard(key, (attempt - 1) * PICKS + j + 1, shards));
    if ((seenEmpty.get(id) ?? 0) <= now && !out.includes(id)) out.push(id);
  }
  return out;
}

function readShard(tx: Tx, shardId: string): ShardRead {
  const ref = tx.collection(C.poolShards).doc(shardId);
  return { shardId, ref, doc: ref.get().then((r) => (r.data as PoolShardDoc | null) ?? null) };
}

/**
 * Start reading the shard a draw will pick first, so a caller can send it beside its own reads (one
 * round trip less in the transaction). Null when the payment gets no draw or every pick is known empty.
 */
export async function firstShardRead(
  tx: Tx,
  req: Pick<DrawRequest, 'settings' | 'paidAtMs' | 'nowMs' | 'key' | 'attempt'>,
): Promise<ShardRead | null> {
  if (drawWindowState(req.settings, req.paidAtMs, req.nowMs) !== 'open') return null;
  const day = beijingDate(req.paidAtMs);
  const dayDoc = await ensureDayReleased(req.settings, day, req.nowMs);
  const [first] = candidates(
    req.settings.id,
    day,
    req.key,
    req.attempt ?? 1,
    dayDoc?.shardBudgets.length || req.settings.match.shards,
  );
  return first ? readShard(tx, first) : null;
}

/**
 * Where a payment made at paidAtMs, processed at nowMs, stands against its day's window (no reads):
 * 'open', 'before_open' (outside 10:00–24:00 or the session), or 'window_closed' (paid inside the
 * window but confirmed after it closed: that day's pool is final).
 */
export function drawWindowState(
  settings: CampaignSettings,
  paidAtMs: number,
  nowMs: number,
): 'open' | 'before_open' | 'window_closed' {
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
 * Decide one draw inside a transaction: reads one pool shard (picked at random for this attempt) and
 * the donor's match state; writes the donor's state back (unless the caller owns it) and hands back the
 * shard's pacing for the caller to post with its journal entry. The decision is made only from documents
 * this transaction writes, so snapshot isolation cannot skew it. Callers must have called
 * ensureDayReleased for the payment's day.
 */
export async function drawInTransaction(tx: Tx, req: DrawRequest): Promise<DrawResult> {
  const { settings } = req;
  const state = drawWindowState(settings, req.paidAtMs, req.nowMs);
  if (state !== 'open')
    return {
      outcome: { amountFen: 0, reason: state },
      shardId: null,
      user: req.user ?? null,
      pacing: null,
      started: [],
    };
  const day = beijingDate(req.paidAtMs);
  const dayDoc = await ensureDayReleased(settings, day, req.nowMs);
  const shards = dayDoc?.shardBudgets.length || settings.match.shards;
  const own = req.user ? null : await readMatchUser(tx, settings.id, req.openid);
  // Late in the day some shards run dry before others: an empty pick looks at a few more, so a
  // donation is told "pool empty" only when the pool mostly is (reads past the first only then).
  const picks = candidates(settings.id, day, req.key, req.attempt ?? 1, shards);
  let read: ShardRead | null = null;
  let shard: PoolShardDoc | null = null;
  for (const [i, id] of picks.entries()) {
    const r: ShardRead = i === 0 && req.firstShard?.shardId === id ? req.firstShard : readShard(tx, id);
    read = r;
    shard = await r.doc;
    if (!shard) throw new Error(`pool shard ${id} missing: day not released`);
    if (shard.budgetFen - shard.spentFen >= settings.match.minMatchFen) break;
    seenEmpty.set(id, Date.now() + EMPTY_MEMORY_MS);
  }
  if (!shard || !read) {
    // Every pick was seen empty moments ago: no read, nothing to record.
    return {
      outcome: { amountFen: 0, reason: 'pool_empty' },
      shardId: null,
      user: req.user ?? null,
      pacing: null,
      started: [],
    };
  }
  const { shardId } = read;
  const user = req.user ?? userDay(own!.doc, day);
  const decision = decideDraw({
    settings: settings.match,
    nowMs: req.nowMs,
    window: matchWindow(settings.match, day),
    donationFen: req.donationFen,
    paidAtMs: req.paidAtMs,
    shard,
    user,
    markId: req.key,
    projectId: req.projectId,
    shards,
    rng: rngFor(`draw:${req.key}`),
    kind: req.kind,
  });
  const next = applyDraw(shard, user, req.projectId, req.paidAtMs, decision.amountFen, settings.match, {
    kind: req.kind,
    counted: decision.counted,
    demandFen: decision.demandFen,
    markId: req.key,
  });
  // Pacing numbers only: the spend moves with the journal entry the caller posts (`journal.ts`).
  const pacing: DocWrite | null =
    decision.counted || decision.amountFen > 0
      ? {
          collection: C.poolShards,
          id: shardId,
          data: {
            draws: next.shard.draws,
            demandFen: next.shard.demandFen ?? 0,
            ...(decision.amountFen > 0 ? { projects: { [req.projectId]: next.shard.projects[req.projectId] } } : {}),
          },
        }
      : null;
  // The donor's own document (when the draw owns it) is written now; the caller awaits it with its writes.
  const started = own ? [writeMatchUser(tx, own, { day, matchedFen: next.user.matchedFen })] : [];
  for (const w of started) w.catch(() => undefined); // awaited (and its failure thrown) by the caller
  const outcome = { amountFen: decision.amountFen, ...(decision.reason ? { reason: decision.reason } : {}) };
  return {
    outcome,
    shardId: pacing ? shardId : null,
    user: req.user ? next.user : null,
    pacing,
    started,
  };
}
