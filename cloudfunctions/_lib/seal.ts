/**
 * Sealing the journal (docs/books.md): 10-minute windows of entry `at` become Merkle batches, each
 * Beijing day's batches a day root chained to the previous day's. Read-only over `journal`; writes only
 * its own seal documents, so it never blocks a donation. Resumable (a bounded run records its frontier,
 * the next continues), single-runner (a lease) and idempotent (deterministic ids, batch doc inserted once
 * as the commit point after its chunks).
 */
import {
  addEntryTotals,
  canonicalEntry,
  zeroTotals,
  type BatchHeader,
  type DayHeader,
  type SourceTotals,
  type StoredEntry,
} from '../../domain/canonical';
import {
  batchLeaf,
  dayRootOf,
  entryLeaf,
  GENESIS_PREV_ROOT,
  merklePath,
  merkleRoot,
  type InclusionProof,
} from '../../domain/merkle';
import { beijingDate, beijingMs, beijingTimeOfDayMs } from '../../domain/time';
import { cmd, db, insertOnce } from './cloud';
import { C } from './collections';
import type { AdminSealResult } from '../../domain/api';
import { loadSettings } from './campaign';

export const SEAL = { batches: 'seal_batches', chunks: 'seal_chunks', days: 'seal_days', state: 'seal_state' } as const;

export const WINDOW_MS = 10 * 60_000;
/**
 * An entry's `at` is taken inside a function run, and a run lasts at most its timeout (60 s), so a
 * window can still receive entries until its end + 60 s; we add 60 s of margin for clock skew and the
 * commit itself. Entries whose `at` is older still (a WeChat Pay notification retried for up to 24 h
 * carries the payment time) are late entries: the sweep below seals them into a late batch.
 */
export const FUNCTION_TIMEOUT_MS = 60_000;
export const SETTLE_MS = FUNCTION_TIMEOUT_MS + 60_000;
/** How far back the sweep looks for late entries: WeChat Pay's retry schedule (24 h 4 min) plus margin. */
export const LATE_HORIZON_MS = 25 * 3600_000;
/** Default work per run, well inside the 60 s function timeout (the run stops starting new windows after it). */
export const DEFAULT_BUDGET_MS = 40_000;
/** Safety factor on a run's own pace when deciding whether the next window still fits in its budget. */
const BUDGET_MARGIN = 1.25;
const PAGE = 1000; // the emulator's and CloudBase's server-side cap; see readWindow for a lower cap
const CHUNK = 500; // ids + leaf hashes per chunk document (~50 KB)
const CHUNK_WRITES = 4; // chunk documents written concurrently
const LATE_MAX = 5000; // late entries per late batch; more wait for the next run
const LEASE_MS = FUNCTION_TIMEOUT_MS + 10_000;

export interface BatchDoc extends BatchHeader {
  _id: string;
  kind: 'window' | 'late';
  start: number;
  end: number;
  chunks: number;
  /** Late batches: how many of their entries fall in each window (by window start), for the sweep. */
  lateCounts?: Record<string, number>;
  frontier?: number;
  sealedAt: number;
}
export interface ChunkDoc {
  _id: string;
  batchId: string;
  k: number;
  ids: string[];
  leaves: string[];
}
export interface DayDoc extends DayHeader {
  _id: string;
  root: string;
  sealedAt: number;
}
interface StateDoc {
  _id: string;
  frontierMs: number;
  lastDay: string | null;
  lastRoot: string | null;
  leaseUntil: number;
}

/** "YYYYMMDD-HHmm" of a Beijing instant. */
function keyOf(ms: number): string {
  const min = Math.floor(beijingTimeOfDayMs(ms) / 60_000);
  return `${beijingDate(ms).replace(/-/g, '')}-${String(Math.floor(min / 60)).padStart(2, '0')}${String(min % 60).padStart(2, '0')}`;
}
export const windowOf = (at: number) => at - (((at % WINDOW_MS) + WINDOW_MS) % WINDOW_MS);
export const batchIdOf = (windowStart: number) => `B-${keyOf(windowStart)}`;
const coll = (name: string) => db().collection(name);

/** Genesis: Beijing midnight of the session's first day. The first window also takes every earlier entry. */
export async function genesisMs(): Promise<number> {
  return beijingMs((await loadSettings()).startDate, '00:00');
}

/** A page is full unless short; a whole hundred may be a server capping get() at 100: read on once more. */
const fullPage = (n: number) => n > 0 && (n >= PAGE || n % 100 === 0);

/**
 * Entries with at in [from, to) (from = null: no lower bound), in (at, _id) order: the journal's [at, _id]
 * index serves each page as one range read. A page keeps its entries before its last millisecond and the
 * next page starts at that millisecond (one query a page); a page all within one millisecond is finished by
 * an `_id` cursor over that millisecond, so the read never loops, however many entries share an `at`.
 */
export async function readWindow(from: number | null, to: number): Promise<StoredEntry[]> {
  const _ = cmd();
  const out: StoredEntry[] = [];
  let lower: { at: number; strict: boolean } | null = from === null ? null : { at: from, strict: false };
  const page = async (where: Record<string, unknown>, order: string[]) => {
    let q = coll(C.journal).where(where);
    for (const f of order) q = q.orderBy(f, 'asc');
    return (await q.limit(PAGE).get()).data as StoredEntry[];
  };
  for (;;) {
    const at = lower === null ? _.lt(to) : (lower.strict ? _.gt(lower.at) : _.gte(lower.at)).and(_.lt(to));
    const data = await page({ at }, ['at', '_id']);
    if (!fullPage(data.length)) return out.concat(data);
    const lastAt = data[data.length - 1].at;
    if (data[0].at !== lastAt) {
      out.push(...data.filter((e) => e.at < lastAt));
      lower = { at: lastAt, strict: false };
      continue;
    }
    out.push(...data);
    for (let more = data; fullPage(more.length);) {
      more = await page({ at: lastAt, _id: _.gt(String(more[more.length - 1]._id)) }, ['_id']);
      out.push(...more);
    }
    lower = { at: lastAt, strict: true };
  }
}

async function countWindow(from: number | null, to: number): Promise<number> {
  const _ = cmd();
  return (
    await coll(C.journal)
      .where({ at: from === null ? _.lt(to) : _.gte(from).and(_.lt(to)) })
      .count()
  ).total;
}

async function readPaged<T>(name: string, where: Record<string, unknown>, order = '_id', page = 100): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += page) {
    const { data } = await coll(name).where(where).orderBy(order, 'asc').skip(skip).limit(page).get();
    out.push(...(data as T[]));
    if (data.length === 0 || data.length < page) return out;
  }
}

export const batchChunks = (batchId: string) => readPaged<ChunkDoc>(SEAL.chunks, { batchId }, 'k', 10);
export const dayBatches = (day: string) => readPaged<BatchDoc>(SEAL.batches, { day });

/** Write a batch: chunks first (overwritable until the batch exists), then the batch doc, inserted once. */
async function writeBatch(
  meta: Omit<BatchDoc, 'id' | 'count' | 'root' | 'totals' | 'chunks'>,
  entries: StoredEntry[],
): Promise<BatchDoc> {
  entries.sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1));
  const leaves = entries.map(entryLeaf);
  const totals = entries.reduce((t, e) => addEntryTotals(t, e), zeroTotals());
  const chunks = Math.ceil(entries.length / CHUNK);
  const writeChunk = (k: number) => {
    const doc: Omit<ChunkDoc, '_id'> = {
      batchId: meta._id,
      k,
      ids: entries.slice(k * CHUNK, (k + 1) * CHUNK).map((e) => String(e._id)),
      leaves: leaves.slice(k * CHUNK, (k + 1) * CHUNK),
    };
    return coll(SEAL.chunks).doc(`${meta._id}_${k}`).set({ data: doc });
  };
  // A few writes in flight at a time: the database's latency, not its capacity, bounds a sequential loop.
  for (let k = 0; k < chunks; k += CHUNK_WRITES)
    await Promise.all(Array.from({ length: Math.min(CHUNK_WRITES, chunks - k) }, (_, j) => writeChunk(k + j)));
  const batch: BatchDoc = { ...meta, id: meta._id, count: entries.length, root: merkleRoot(leaves), totals, chunks };
  if (!(await insertOnce(SEAL.batches, batch))) return (await coll(SEAL.batches).doc(meta._id).get()).data as BatchDoc;
  return batch;
}

async function sealWindow(start: number, genesis: number, nowMs: number): Promise<number> {
  const id = batchIdOf(start);
  const entries = await readWindow(start === genesis ? null : start, start + WINDOW_MS);
  if (entries.length === 0) return 0; // an empty window has no batch (its count is 0)
  if ((await coll(SEAL.batches).doc(id).get()).data) return 0; // a retried run: this window is already committed
  await writeBatch(
    { _id: id, kind: 'window', day: beijingDate(start), start, end: start + WINDOW_MS, sealedAt: nowMs },
    entries,
  );
  return entries.length;
}

function headerOf(b: BatchDoc): BatchHeader {
  return { id: b._id, day: b.day, count: b.count, root: b.root, totals: b.totals };
}

async function sealDay(day: string, prevRoot: string, nowMs: number): Promise<DayDoc> {
  const batches = (await dayBatches(day)).sort((a, b) => (a._id < b._id ? -1 : 1));
  const totals = batches.reduce((t, b) => {
    for (const s of Object.keys(t) as Array<keyof SourceTotals>) t[s] += b.totals[s] ?? 0;
    return t;
  }, zeroTotals());
  const header: DayHeader = {
    day,
    prevRoot,
    batchesRoot: merkleRoot(batches.map((b) => batchLeaf(headerOf(b)))),
    batches: batches.length,
    entries: batches.reduce((n, b) => n + b.count, 0),
    totals,
  };
  const doc: DayDoc = { _id: day, ...header, root: dayRootOf(header), sealedAt: nowMs };
  if (!(await insertOnce(SEAL.days, doc))) return (await coll(SEAL.days).doc(day).get()).data as DayDoc;
  return doc;
}

/** Sealed entry count per window start in [from, to), from window and late batches. */
async function sealedCounts(
  from: number,
  to: number,
): Promise<{ byWindow: Map<number, number>; lateIds: Set<string> }> {
  const _ = cmd();
  const byWindow = new Map<number, number>();
  for (const b of await readPaged<BatchDoc>(SEAL.batches, { kind: 'window', start: _.gte(from).and(_.lt(to)) }))
    byWindow.set(b.start, b.count);
  const lateIds = new Set<string>();
  for (const b of await readPaged<BatchDoc>(SEAL.batches, { kind: 'late' })) {
    let inRange = false;
    for (const [w, n] of Object.entries(b.lateCounts ?? {})) {
      const ws = Number(w);
      if (ws < from || ws >= to) continue;
      inRange = true;
      byWindow.set(ws, (byWindow.get(ws) ?? 0) + n);
    }
    if (inRange) for (const c of await batchChunks(b._id)) c.ids.forEach((i) => lateIds.add(i));
  }
  return { byWindow, lateIds };
}

/**
 * Entries with `at` in sealed windows [from, to) that no batch holds: late entries, or entries
 * inserted after sealing. One count query when all is well; per-window drill-down otherwise.
 */
export async function unsealedIn(
  from: number,
  to: number,
  genesis: number,
  deadline = Infinity,
): Promise<StoredEntry[]> {
  if (to <= from) return [];
  const lower = (w: number) => (w === genesis ? null : w);
  const { byWindow, lateIds } = await sealedCounts(from, to);
  const sealedTotal = [...byWindow.values()].reduce((a, b) => a + b, 0);
  if ((await countWindow(lower(from), to)) === sealedTotal) return [];
  const out: StoredEntry[] = [];
  for (let w = from; w < to && Date.now() < deadline; w += WINDOW_MS) {
    if ((await countWindow(lower(w), w + WINDOW_MS)) === (byWindow.get(w) ?? 0)) continue;
    const inBatch = new Set<string>();
    if (byWindow.has(w)) for (const c of await batchChunks(batchIdOf(w))) c.ids.forEach((i) => inBatch.add(i));
    for (const e of await readWindow(lower(w), w + WINDOW_MS))
      if (!inBatch.has(String(e._id)) && !lateIds.has(String(e._id))) out.push(e);
  }
  return out;
}

async function sweepLate(frontier: number, genesis: number, nowMs: number, deadline: number): Promise<number> {
  const from = Math.max(genesis, windowOf(frontier - LATE_HORIZON_MS));
  const late = (await unsealedIn(from, frontier, genesis, deadline)).slice(0, LATE_MAX);
  if (late.length === 0) return 0;
  const prefix = `L-${keyOf(frontier)}-`;
  const n = (await coll(SEAL.batches).where({ kind: 'late', frontier }).count()).total + 1;
  const lateCounts: Record<string, number> = {};
  for (const e of late) {
    const w = Math.max(genesis, windowOf(e.at));
    lateCounts[String(w)] = (lateCounts[String(w)] ?? 0) + 1;
  }
  await writeBatch(
    {
      _id: `${prefix}${n}`,
      kind: 'late',
      day: beijingDate(frontier),
      start: frontier,
      end: frontier,
      lateCounts,
      frontier,
      sealedAt: nowMs,
    },
    late,
  );
  return late.length;
}

/**
 * After an empty window, jump over the empty rest of its day in one count query (nights, idle days
 * after the session) — never past the day's end (its root must be sealed) nor past what is sealable.
 */
async function skipEmpty(frontier: number, nowMs: number): Promise<number> {
  const midnight = beijingMs(beijingDate(frontier - 1), '00:00') + 24 * 3600_000;
  const target = Math.min(midnight, windowOf(nowMs - SETTLE_MS));
  if (target <= frontier) return frontier;
  return (await countWindow(frontier, target)) === 0 ? target : frontier;
}

/** One sealing run's report: the contract's admin.seal result. */
export type SealReport = AdminSealResult;

/** Take the single-runner lease (wall-clock: it bounds a process, not a business time). */
async function takeLease(genesis: number): Promise<StateDoc | null> {
  return db().runTransaction(async (tx) => {
    const ref = tx.collection(SEAL.state).doc('journal');
    const cur = ((await ref.get()).data as StateDoc | null) ?? {
      _id: 'journal',
      frontierMs: genesis,
      lastDay: null,
      lastRoot: null,
      leaseUntil: 0,
    };
    if (cur.leaseUntil > Date.now()) return null;
    const { _id, ...rest } = cur;
    await ref.set({ data: { ...rest, leaseUntil: Date.now() + LEASE_MS } });
    return cur;
  }, 3);
}

/** One bounded sealing run: the late sweep, then windows in order, then any day whose windows are all sealed. */
export async function sealJournal(nowMs: number, budgetMs = DEFAULT_BUDGET_MS): Promise<SealReport> {
  const started = Date.now();
  const deadline = started + budgetMs;
  const genesis = await genesisMs();
  const report: SealReport = {
    ran: false,
    windows: 0,
    batches: 0,
    entries: 0,
    lateEntries: 0,
    days: [],
    frontier: '',
    caughtUp: false,
    elapsedMs: 0,
  };
  const state = await takeLease(genesis);
  if (!state) return { ...report, elapsedMs: Date.now() - started };
  report.ran = true;
  let { frontierMs: frontier, lastDay, lastRoot } = state;
  const save = () =>
    coll(SEAL.state)
      .doc('journal')
      .update({ data: { frontierMs: frontier, lastDay, lastRoot } });
  // A window is started only if it should end inside the budget at this run's pace so far (the first
  // window with entries always runs: every run makes progress).
  const fitsBudget = (count: number) => {
    if (report.entries === 0 || count === 0) return true;
    const msPerEntry = (Date.now() - started) / report.entries;
    return Date.now() + BUDGET_MARGIN * count * msPerEntry <= deadline;
  };
  try {
    if (frontier > genesis) {
      report.lateEntries = await sweepLate(frontier, genesis, nowMs, deadline);
      if (report.lateEntries) report.batches++;
    }
    while (frontier + WINDOW_MS + SETTLE_MS <= nowMs && Date.now() < deadline) {
      if (!fitsBudget(await countWindow(frontier === genesis ? null : frontier, frontier + WINDOW_MS))) break;
      const n = await sealWindow(frontier, genesis, nowMs);
      report.windows++;
      if (n > 0) report.batches++;
      report.entries += n;
      frontier += WINDOW_MS;
      if (n === 0) frontier = await skipEmpty(frontier, nowMs);
      // A day is sealed once its last window is: late entries after that go to a later day's batches.
      const day = beijingDate(frontier - 1);
      if (beijingDate(frontier) !== day && lastDay !== day) {
        const d = await sealDay(day, lastRoot ?? GENESIS_PREV_ROOT, nowMs);
        lastDay = day;
        lastRoot = d.root;
        report.days.push(day);
      }
      // Progress after each batch or day; an empty window re-read after a crash costs one query.
      if (n > 0 || report.days.includes(day)) await save();
    }
    report.caughtUp = frontier + WINDOW_MS + SETTLE_MS > nowMs;
  } finally {
    await coll(SEAL.state)
      .doc('journal')
      .update({ data: { frontierMs: frontier, lastDay, lastRoot, leaseUntil: 0 } });
  }
  report.frontier = new Date(frontier).toISOString();
  report.elapsedMs = Date.now() - started;
  return report;
}

/** Sealed days in [fromDay, toDay], oldest first. */
export async function sealedDays(fromDay?: string, toDay?: string): Promise<DayDoc[]> {
  const _ = cmd();
  const where = fromDay && toDay ? { day: _.gte(fromDay).and(_.lte(toDay)) } : {};
  return (await readPaged<DayDoc>(SEAL.days, where, 'day')).sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** The batch an entry was sealed into, or null while unsealed. */
export async function batchOfEntry(entryId: string): Promise<{ chunk: ChunkDoc; batch: BatchDoc } | null> {
  const { data } = await coll(SEAL.chunks).where({ ids: entryId }).limit(1).get();
  const chunk = data[0] as ChunkDoc | undefined;
  if (!chunk) return null;
  const batch = (await coll(SEAL.batches).doc(chunk.batchId).get()).data as BatchDoc | null;
  return batch ? { chunk, batch } : null; // chunks without their batch doc: a run died before committing
}

/** An entry's inclusion proof, or null until its batch and day are sealed. */
export async function proofFor(entryId: string): Promise<InclusionProof | null> {
  const found = await batchOfEntry(entryId);
  if (!found) return null;
  const { batch } = found;
  const dayDoc = (await coll(SEAL.days).doc(batch.day).get()).data as DayDoc | null;
  if (!dayDoc) return null;
  const entry = (await coll(C.journal).doc(entryId).get()).data as StoredEntry | null;
  if (!entry) return null;
  const chunks = (await batchChunks(batch._id)).sort((a, b) => a.k - b.k);
  const leaves = chunks.flatMap((c) => c.leaves);
  const ids = chunks.flatMap((c) => c.ids);
  const batches = (await dayBatches(batch.day)).sort((a, b) => (a._id < b._id ? -1 : 1));
  const { _id, root, sealedAt: _sealedAt, ...day } = dayDoc;
  return {
    v: 1,
    entry: canonicalEntry(entry),
    entryPath: merklePath(leaves, ids.indexOf(entryId)),
    batch: headerOf(batch),
    batchPath: merklePath(
      batches.map((b) => batchLeaf(headerOf(b))),
      batches.findIndex((b) => b._id === batch._id),
    ),
    day,
    dayRoot: root,
  };
}

/** Public view of a sealed day (campaign.get, admin.exportRoots). */
export const rootView = (d: DayDoc) => ({
  day: d.day,
  root: d.root,
  prevRoot: d.prevRoot,
  entries: d.entries,
  batches: d.batches,
  totals: d.totals,
});
