/**
 * The journal: the only way money is written. `postEntry` inserts a balanced entry under its
 * deterministic id (insert, never overwrite) and, in the same transaction, derives from its postings
 * every balance the app keeps. No other code writes these fields:
 *   project {projectId, source}  `project_counters/<projectId>_<k>`  `<source>` (shard k picked per attempt;
 *                                                                    a paid donation also `m<YYYYMMDDHHmm>` + 1)
 *   pool {shardId}               `pool_shards/<shardId>`            `spentFen` (+ what the pool paid out)
 *   sponsor {sponsorId}          `sponsors/<id>`                     `leftFen` (+ posting), `paidFen` (− posting)
 *   coupon {batchId}             `coupon_batches/<id>`               `usedFen` (− posting), `used` (± 1)
 *   topup {projectId}            `topups/<projectId>`                `toppedFen` (− posting); a reversal
 *                                                                    also `reversedFen` (+ posting)
 * and, for an entry carrying a `teamId` (一起捐), from its members' money (`teamFenOf`):
 *   team                         `team_counters/<teamId>_<k>`        `raisedFen`, `donations` (shard k per attempt)
 * A donor account has no balance document. Guards that must hold in the transaction (a shard not
 * overspent, a sponsor's budget, a coupon's state) are checked by the caller before posting, inside it.
 */
import { accountOf, type Account } from '../../domain/accounts';
import { assertBalanced, type JournalEntry } from '../../domain/ledger';
import { pickShard } from '../../domain/ids';
import { TEAM_COUNTER_SHARDS, teamFenOf } from '../../domain/teams';
import { db, isDuplicateKey } from './cloud';
import { currentCampaignId } from './campaign';
import { C, COUNTER_SHARDS } from './collections';
import { emptyCounter, minuteField, type CounterTally } from './totals';
import type { Tx } from './matchUsers';

/** A further write to a document of the transaction: merged into the journal's write when it touches the same one. */
export interface DocWrite {
  collection: string;
  id: string;
  data: Record<string, unknown>;
  /** Create the document with these fields when it is missing (else a missing document is an error). */
  create?: Record<string, unknown>;
}

export interface PostOptions {
  /** Attempt of the enclosing `runMoneyTx` (1, 2, …): a conflict retry lands on another counter shard. */
  attempt: number;
  /** Tallies (not money) of the project counter shard the entry lands on: donations, donors, … */
  counter?: Partial<Record<CounterTally, number>>;
  /**
   * The Beijing minute (`YYYYMMDDHHmm`) this entry counts as one paid donation in: the counter shard the entry
   * lands on also counts `m<minute>` + 1 (the dashboard's donations per minute; no write of its own).
   */
  minute?: string;
  /** Non-money fields of balance documents (pool pacing, sponsor donations…); alone when no posting touches one. */
  with?: DocWrite[];
  /** The caller's own writes of this transaction, awaited in the same round trip. */
  alongside?: Array<Promise<unknown>>;
  /** The counter shard read ahead (`readCounterShard`): a missing one is inserted at once, not updated first. */
  counterRead?: CounterRead;
  /** Campaign a counter shard created here belongs to (default: the invocation's, `currentCampaignId`). */
  campaignId?: string;
}

/** A counter shard's existence, read beside the caller's first reads (no round trip of its own). */
export interface CounterRead {
  id: string;
  exists: Promise<boolean>;
}

/** The counter shard `postEntry` will pick for this entry and attempt, read now in the transaction. */
export function readCounterShard(tx: Tx, projectId: string, entryId: string, attempt: number): CounterRead {
  const id = counterShardId(projectId, entryId, attempt);
  const exists = tx
    .collection(C.projectCounters)
    .doc(id)
    .get()
    .then((r) => !!r.data);
  exists.catch(() => undefined); // awaited (and its failure thrown) by postEntry
  return { id, exists };
}

/** A counter shard's fields before its first write. */
const newCounter = (projectId: string, id: string, campaignId = ''): Record<string, unknown> => ({
  ...emptyCounter(projectId, Number(id.slice(id.lastIndexOf('_') + 1)), campaignId),
});

/** A project's counter shard for an entry and attempt: a conflict retry lands on another. */
const counterShardId = (projectId: string, key: string, attempt: number) =>
  `${projectId}_${pickShard(`ctr:${key}`, attempt, COUNTER_SHARDS)}`;

/** The entry's id is taken: it was posted before (the transaction aborts, nothing is applied twice). */
export class AlreadyPosted extends Error {
  constructor(readonly entryId: string) {
    super(`journal entry ${entryId} is already posted`);
  }
}

/** A document the journal creates on first write lost a race to another transaction: a retryable conflict. */
const creationConflict = (id: string) => new Error(`TransactionConflict: ${id} created concurrently`);

type Inc = Map<string, number>;
interface BalanceWrite {
  collection: string;
  id: string;
  inc: Inc;
  set: Record<string, unknown>;
  /** Created with these fields when missing (counter shards, top-ups); others must exist. */
  create?: Record<string, unknown>;
}

/** A project's top-up document before its first settlement. */
export const TOPUP_ZERO = (at: number) => ({ toppedFen: 0, reversedFen: 0, basisPublicFen: 0, at });

const add = (m: Inc, field: string, fen: number) => m.set(field, (m.get(field) ?? 0) + fen);

/** The balance writes an entry's postings imply, one per document. */
export function balanceWrites(entry: JournalEntry | null, opts: PostOptions): BalanceWrite[] {
  const out = new Map<string, BalanceWrite>();
  const at = (collection: string, id: string, create?: Record<string, unknown>): BalanceWrite => {
    const key = `${collection}/${id}`;
    let w = out.get(key);
    if (!w) out.set(key, (w = { collection, id, inc: new Map(), set: {}, ...(create ? { create } : {}) }));
    return w;
  };
  const counter = (projectId: string) => {
    const id = counterShardId(projectId, entry?._id ?? projectId, opts.attempt);
    return at(C.projectCounters, id, newCounter(projectId, id, opts.campaignId));
  };
  if (entry) {
    for (const p of entry.postings) {
      const a: Account = accountOf(p.account);
      const fen = p.amountFen;
      if (a.kind === 'project') add(counter(a.projectId).inc, a.source, fen);
      else if (a.kind === 'pool') add(at(C.poolShards, required(a.shardId, entry, 'pool shard')).inc, 'spentFen', -fen);
      else if (a.kind === 'sponsor') {
        const w = at(C.sponsors, a.sponsorId);
        add(w.inc, 'leftFen', fen);
        add(w.inc, 'paidFen', -fen);
      } else if (a.kind === 'coupon') {
        const w = at(C.couponBatches, a.batchId);
        add(w.inc, 'usedFen', -fen);
        add(w.inc, 'used', -Math.sign(fen));
      } else if (a.kind === 'topup') {
        const id = required(a.projectId, entry, 'top-up project');
        const w = at(C.topups, id, TOPUP_ZERO(entry.at));
        add(w.inc, 'toppedFen', -fen);
        if (entry.reverses) add(w.inc, 'reversedFen', fen);
      }
    }
    if (opts.counter)
      for (const [field, n] of Object.entries(opts.counter)) if (n) add(counter(entry.projectId).inc, field, n);
    if (opts.minute) add(counter(entry.projectId).inc, minuteField(opts.minute), 1);
    const team = teamFenOf(entry);
    if (team) {
      const k = pickShard(`team:${entry._id}`, opts.attempt, TEAM_COUNTER_SHARDS);
      const w = at(C.teamCounters, `${team.teamId}_${k}`, {
        teamId: team.teamId,
        projectId: entry.projectId,
        campaignId: opts.campaignId ?? '',
        raisedFen: 0,
        donations: 0,
      });
      add(w.inc, 'raisedFen', team.fen);
      add(w.inc, 'donations', team.donations);
    }
  }
  for (const w of opts.with ?? []) Object.assign(at(w.collection, w.id, w.create).set, w.data);
  for (const w of out.values()) for (const [f, n] of w.inc) if (n === 0) w.inc.delete(f);
  return [...out.values()].filter((w) => w.inc.size || Object.keys(w.set).length);
}

function required(id: string | null, entry: JournalEntry, what: string): string {
  if (!id)
    throw new Error(`journal entry ${entry._id}: a ${what} account must name it (legacy accounts are read-only)`);
  return id;
}

async function applyWrite(tx: Tx, w: BalanceWrite, exists?: Promise<boolean>): Promise<void> {
  const _ = db().command;
  const data: Record<string, unknown> = { ...w.set };
  for (const [f, n] of w.inc) data[f] = _.inc(n);
  const ref = tx.collection(w.collection).doc(w.id);
  const known = exists ? await exists : true;
  if (known) {
    const res = (await ref.update({ data })) as { stats?: { updated?: number }; updated?: number };
    if ((res?.stats?.updated ?? res?.updated ?? 0) > 0) return;
  }
  if (!w.create) throw new Error(`journal: ${w.collection}/${w.id} is missing, its balance cannot move`);
  const created: Record<string, unknown> = { _id: w.id, ...w.create, ...w.set };
  for (const [f, n] of w.inc) created[f] = Number(created[f] ?? 0) + n;
  try {
    await tx.collection(w.collection).add({ data: created });
  } catch (err) {
    throw isDuplicateKey(err) ? creationConflict(`${w.collection}/${w.id}`) : err;
  }
}

/** Await every write, then throw the first failure (no write may land after the rollback). */
async function settleAll(writes: Array<Promise<unknown>>): Promise<void> {
  const results = await Promise.allSettled(writes);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Post an entry in the transaction: insert it and move every balance its postings name, in one round
 * trip with the caller's `alongside` writes. `entry` null posts nothing and sends only `with` and
 * `alongside` (a draw that won nothing still records its pacing).
 */
export async function postEntry(tx: Tx, entry: JournalEntry | null, opts: PostOptions): Promise<void> {
  // The caller's writes are already in flight: mark them handled before awaiting anything (settleAll still
  // sees each failure), or a conflict that aborts the transaction meanwhile is an unhandled rejection.
  for (const w of opts.alongside ?? []) w.catch(() => undefined);
  if (entry) assertBalanced(entry);
  const read = opts.counterRead;
  const campaignId = opts.campaignId ?? (await currentCampaignId());
  const writes: Array<Promise<unknown>> = balanceWrites(entry, { ...opts, campaignId }).map((w) =>
    applyWrite(tx, w, read && w.collection === C.projectCounters && w.id === read.id ? read.exists : undefined),
  );
  if (entry)
    writes.push(
      tx
        .collection(C.journal)
        .add({ data: entry })
        .catch((err: unknown) => {
          throw isDuplicateKey(err) ? new AlreadyPosted(entry._id) : err;
        }),
    );
  await settleAll([...writes, ...(opts.alongside ?? [])]);
}

/** Tallies without money (a flower given to a project) on one of its counter shards, picked per attempt. */
export async function bumpTallies(
  tx: Tx,
  projectId: string,
  key: string,
  attempt: number,
  tallies: Partial<Record<CounterTally, number>>,
): Promise<void> {
  const id = counterShardId(projectId, key, attempt);
  const inc: Inc = new Map(Object.entries(tallies).filter(([, n]) => n) as Array<[string, number]>);
  if (!inc.size) return;
  await applyWrite(tx, {
    collection: C.projectCounters,
    id,
    inc,
    set: {},
    create: newCounter(projectId, id, await currentCampaignId()),
  });
}
