/**
 * The double-entry journal.
 *
 * Every money movement is one journal entry whose postings sum to zero, between structured accounts
 * (`domain/accounts.ts`: donor, project × source, pool shard, sponsor, coupon batch, top-up of a project).
 * Entry `_id`s derive from the business key (order, assist, step day…), so a retried write is a
 * duplicate, never a second entry. Entries are only ever inserted (cloudfunctions/_lib/journal.ts, which
 * also derives every balance from the postings); a refund is a reversal entry naming what it reverses.
 */
import type { MoneySource } from './api';
import { zeroSources } from './api';
import { account, accountKey, accountOf, type Account } from './accounts';
import { assertFen } from './errors';

export { account, accountKey, accountOf, type Account };

export interface Posting {
  /** Structured; a string only in entries written before accounts were structured. */
  account: Account | string;
  amountFen: number;
}

/** 'donation' … 'refund': the payment path's combined entries. */
export type EntryKind = 'donation' | 'extra_match' | 'steps' | 'topup' | 'refund';

export interface JournalEntry {
  _id: string;
  kind: EntryKind;
  postings: Posting[];
  projectId: string;
  orderId?: string;
  openid?: string;
  /** Set when the whole entry lands on one source of the project. */
  source?: MoneySource;
  /** Positive fen moved in the entry (sum of the positive postings). */
  amountFen: number;
  /** 一起捐: the team a donation was made through (its reversal carries it too): the team total derives from it. */
  teamId?: string;
  /** A reversal names the entry it reverses (the original is never edited)… */
  reverses?: string;
  /** … and the further entries it reverses with it (a refund: the donation's assist extras). */
  alsoReverses?: string[];
  at: number;
  day: string;
}

/** From → to transfer pair (skipped when zero). */
function transfer(from: Account, to: Account, amountFen: number): Posting[] {
  assertFen(amountFen, 'amountFen');
  if (amountFen < 0) throw new RangeError('transfer amount must be ≥ 0');
  return amountFen === 0
    ? []
    : [
        { account: from, amountFen: -amountFen },
        { account: to, amountFen },
      ];
}

function entry(e: Omit<JournalEntry, 'amountFen'>): JournalEntry {
  const built = { ...e, amountFen: e.postings.filter((p) => p.amountFen > 0).reduce((s, p) => s + p.amountFen, 0) };
  assertBalanced(built);
  return built;
}

export function assertBalanced(e: Pick<JournalEntry, '_id' | 'postings'> & { amountFen?: number }): void {
  let sum = 0;
  let positive = 0;
  for (const p of e.postings) {
    if (!Number.isSafeInteger(p.amountFen)) throw new Error(`journal entry ${e._id}: ${p.amountFen} is not whole fen`);
    sum += p.amountFen;
    if (p.amountFen > 0) positive += p.amountFen;
  }
  if (sum !== 0) throw new Error(`journal entry ${e._id} does not balance: ${sum}`);
  if (e.amountFen !== undefined && e.amountFen !== positive) {
    throw new Error(`journal entry ${e._id}: amount ${e.amountFen} ≠ positive postings ${positive}`);
  }
}

/** A coupon's batch: coupon ids are `${batchId}_${userKey}` (batch ids may hold '_', user keys never do). */
export const couponBatchOf = (couponId: string) => couponId.slice(0, couponId.lastIndexOf('_'));

/** A paid order: the donor's money, the coupon's money and the Foundation match (from `matchShard`), in one entry. */
export function paidOrderEntry(args: {
  order: {
    _id: string;
    openid: string;
    projectId: string;
    payFen: number;
    couponFen: number;
    couponId: string | null;
    teamId?: string | null;
  };
  matchFen: number;
  matchShard: string | null;
  atMs: number;
  day: string;
}): JournalEntry {
  const { order } = args;
  if (order.couponFen > 0 && !order.couponId) throw new Error(`order ${order._id}: coupon money without a coupon`);
  if (args.matchFen > 0 && !args.matchShard) throw new Error(`order ${order._id}: match without a pool shard`);
  return entry({
    _id: `order_${order._id}`,
    kind: 'donation',
    orderId: order._id,
    projectId: order.projectId,
    ...(order.teamId ? { teamId: order.teamId } : {}),
    at: args.atMs,
    day: args.day,
    postings: [
      ...transfer(account.donor(order.openid), account.project(order.projectId, 'public'), order.payFen),
      ...(order.couponId
        ? transfer(
            account.coupon(couponBatchOf(order.couponId)),
            account.project(order.projectId, 'coupon'),
            order.couponFen,
          )
        : []),
      ...(args.matchShard
        ? transfer(account.pool(args.matchShard), account.project(order.projectId, 'match'), args.matchFen)
        : []),
    ],
  });
}

/** An extra match won by a friend's assist from pool shard `shardId`, credited to the inviter's donation. */
export function extraMatchEntry(args: {
  assistId: string;
  orderId: string;
  projectId: string;
  openid: string;
  shardId: string;
  amountFen: number;
  atMs: number;
  day: string;
}): JournalEntry {
  return entry({
    _id: `assist_${args.assistId}`,
    kind: 'extra_match',
    orderId: args.orderId,
    projectId: args.projectId,
    at: args.atMs,
    day: args.day,
    postings: transfer(account.pool(args.shardId), account.project(args.projectId, 'match'), args.amountFen),
  });
}

/** A step donation: the sponsor pays, and the Foundation may match it (from `matchShard`). */
export function sponsorStepEntry(args: {
  stepId: string;
  sponsorId: string;
  projectId: string;
  openid: string;
  amountFen: number;
  matchFen: number;
  matchShard: string | null;
  atMs: number;
  day: string;
}): JournalEntry {
  if (args.matchFen > 0 && !args.matchShard) throw new Error(`steps ${args.stepId}: match without a pool shard`);
  return entry({
    _id: `steps_${args.stepId}`,
    kind: 'steps',
    projectId: args.projectId,
    at: args.atMs,
    day: args.day,
    postings: [
      ...transfer(account.sponsor(args.sponsorId), account.project(args.projectId, 'sponsor'), args.amountFen),
      ...(args.matchShard
        ? transfer(account.pool(args.matchShard), account.project(args.projectId, 'match'), args.matchFen)
        : []),
    ],
  });
}

/** The Federation's top-up of a partner project, settled up to `toppedTotalFen`. */
export function topupEntry(args: {
  projectId: string;
  amountFen: number;
  toppedTotalFen: number;
  atMs: number;
  day: string;
}): JournalEntry {
  return entry({
    _id: `topup_${args.projectId}_${args.toppedTotalFen}`,
    kind: 'topup',
    projectId: args.projectId,
    at: args.atMs,
    day: args.day,
    postings: transfer(account.topup(args.projectId), account.project(args.projectId, 'topup'), args.amountFen),
  });
}

/**
 * The negation of an entry's postings: every fen goes back to the account it came from. An entry from
 * before accounts were structured names no pool shard or top-up project: `legacyPool` gives the shard
 * (or shards, by fen) its pool money goes back to, and the top-up goes back to the entry's project.
 */
export function negatePostings(original: JournalEntry, legacyPool?: Record<string, number>): Posting[] {
  const out: Posting[] = [];
  let legacyPoolFen = 0;
  for (const p of original.postings) {
    const a = accountOf(p.account);
    if (a.kind === 'pool' && !a.shardId) legacyPoolFen += p.amountFen;
    else if (a.kind === 'topup' && !a.projectId)
      out.push({ account: account.topup(original.projectId), amountFen: -p.amountFen });
    else out.push({ account: a, amountFen: -p.amountFen });
  }
  if (legacyPoolFen !== 0) {
    const shards = Object.entries(legacyPool ?? {}).filter(([, fen]) => fen > 0);
    if (shards.reduce((t, [, fen]) => t + fen, 0) !== -legacyPoolFen)
      throw new Error(`entry ${original._id}: its pool money (${-legacyPoolFen} fen) has no shard to go back to`);
    for (const [shardId, fen] of shards) out.push({ account: account.pool(shardId), amountFen: fen });
  }
  return out;
}

/**
 * Reverse a paid order: the negation of its entry and of every assist extra credited to it (the donor's
 * and the coupon's money go back, each match to the pool shard it came from), and the Federation takes
 * back the top-up the refunded money earned. `legacy` places pool money of entries written before
 * accounts named shards: the order's main match shard and its extras by shard.
 */
export function refundEntry(args: {
  original: JournalEntry;
  extras: JournalEntry[];
  topupFen: number;
  atMs: number;
  day: string;
  legacy?: { matchShard: string | null; extraByShard: Record<string, number> };
}): JournalEntry {
  const { original, extras } = args;
  const projectId = original.projectId;
  const legacyMain = args.legacy?.matchShard ? { [args.legacy.matchShard]: poolFen(original) } : undefined;
  // Extras by shard, less those whose entries name their shard: what the legacy extras drew.
  const legacyExtras: Record<string, number> = { ...(args.legacy?.extraByShard ?? {}) };
  for (const x of extras)
    for (const p of x.postings) {
      const a = accountOf(p.account);
      if (a.kind === 'pool' && a.shardId) legacyExtras[a.shardId] = (legacyExtras[a.shardId] ?? 0) + p.amountFen;
    }
  const legacyX = extras.filter((x) => x.postings.some((p) => isLegacyPool(p)));
  const legacyExtraPostings = legacyX.length
    ? negatePostings({ ...legacyX[0], postings: legacyX.flatMap((x) => x.postings) }, legacyExtras)
    : [];
  return entry({
    _id: `refund_${original.orderId}`,
    kind: 'refund',
    orderId: original.orderId,
    reverses: original._id,
    ...(extras.length ? { alsoReverses: extras.map((x) => x._id) } : {}),
    ...(original.teamId ? { teamId: original.teamId } : {}),
    projectId,
    at: args.atMs,
    day: args.day,
    postings: [
      ...negatePostings(original, legacyMain),
      ...extras.filter((x) => !legacyX.includes(x)).flatMap((x) => negatePostings(x)),
      ...legacyExtraPostings,
      ...transfer(account.project(projectId, 'topup'), account.topup(projectId), args.topupFen),
    ],
  });
}

const isLegacyPool = (p: Posting) => {
  const a = accountOf(p.account);
  return a.kind === 'pool' && !a.shardId;
};
/** Fen an entry took from the pool (positive). */
const poolFen = (e: JournalEntry) =>
  -e.postings.filter((p) => accountOf(p.account).kind === 'pool').reduce((t, p) => t + p.amountFen, 0);

/** Net balance of every account over a set of entries, by `accountKey`. */
export function balances(entries: Iterable<Pick<JournalEntry, 'postings'>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries)
    for (const p of e.postings) {
      const key = accountKey(p.account);
      out.set(key, (out.get(key) ?? 0) + p.amountFen);
    }
  return out;
}

/** Net balance by account kind, then by the id that names the account (`''` for a legacy pool or top-up). */
/** Balances by account kind (the reconcile's view of the journal). */
export interface KindBalances {
  projects: Map<string, Record<MoneySource, number>>;
  pool: Map<string, number>;
  sponsors: Map<string, number>;
  coupons: Map<string, number>;
  topups: Map<string, number>;
  donors: number;
}

export const emptyBalances = (): KindBalances => ({
  projects: new Map(),
  pool: new Map(),
  sponsors: new Map(),
  coupons: new Map(),
  topups: new Map(),
  donors: 0,
});

/** Add one entry's postings to running balances (a fold: the journal can be read a page at a time). */
export function addPostings(out: KindBalances, e: Pick<JournalEntry, 'postings'>): void {
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const p of e.postings) {
    const a = accountOf(p.account);
    if (a.kind === 'project') {
      const row = out.projects.get(a.projectId) ?? zeroSources();
      row[a.source] += p.amountFen;
      out.projects.set(a.projectId, row);
    } else if (a.kind === 'pool') add(out.pool, a.shardId ?? '', p.amountFen);
    else if (a.kind === 'sponsor') add(out.sponsors, a.sponsorId, p.amountFen);
    else if (a.kind === 'coupon') add(out.coupons, a.batchId, p.amountFen);
    else if (a.kind === 'topup') add(out.topups, a.projectId ?? '', p.amountFen);
    else out.donors += p.amountFen;
  }
}

export function balancesByKind(entries: Iterable<Pick<JournalEntry, 'postings'>>): KindBalances {
  const out = emptyBalances();
  for (const e of entries) addPostings(out, e);
  return out;
}

/**
 * The journal folded entry by entry: running balances, unbalanced entries, the count. Memory is bounded by the
 * accounts, never by the entries, so the books can be checked a page at a time (ids are unique in the store).
 */
export class JournalFold {
  readonly balances = emptyBalances();
  readonly problems: string[] = [];
  entries = 0;
  add(e: JournalEntry): void {
    this.entries += 1;
    try {
      assertBalanced(e);
    } catch (err) {
      this.problems.push((err as Error).message);
    }
    addPostings(this.balances, e);
  }
}

/** Net money by source over all projects. */
export function totalsBySource(entries: Iterable<Pick<JournalEntry, 'postings'>>): Record<MoneySource, number> {
  const out = zeroSources();
  for (const row of balancesByKind(entries).projects.values()) {
    for (const s of Object.keys(out) as MoneySource[]) out[s] += row[s];
  }
  return out;
}

export type Imbalance = string;

export interface ReconcileInput {
  /** The entries, or (`folded`) the journal already folded a page at a time. */
  entries?: JournalEntry[];
  folded?: JournalFold;
  /** Counter totals per project (what the app shows); a Map or a plain record. */
  projectTotals: Map<string, Record<MoneySource, number>> | Record<string, Partial<Record<MoneySource, number>>>;
  /** Pool as budget + spent (shards; with their ids, each shard is checked too) … */
  poolFen?: number;
  poolSpentFen?: number;
  poolShards?: Array<{ id: string; spentFen: number }>;
  /** … or as budget + left. */
  poolBudgetFen?: number;
  poolLeftFen?: number;
  sponsors: Array<{ id: string; pledgedFen: number; leftFen: number; paidFen?: number }>;
  /** Paid (not refunded) orders' donor money and the coupons they used. */
  paidOrders?: Array<{ _id: string; payFen: number; couponFen: number }>;
  topups?: Array<{ projectId: string; toppedFen: number }>;
  /** Coupon money per batch as the batch documents keep it. */
  coupons?: Array<{ batchId: string; usedFen: number }>;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((t, v) => t + v, 0);

/** Every imbalance between the journal and the balances the app keeps; empty when all agree to the fen. */
export function reconcile(input: ReconcileInput): Imbalance[] {
  const problems: string[] = [];
  let fold = input.folded;
  if (!fold) {
    fold = new JournalFold();
    const seen = new Set<string>();
    for (const e of input.entries ?? []) {
      if (seen.has(e._id)) problems.push(`entry ${e._id} appears twice`);
      seen.add(e._id);
      fold.add(e);
    }
  }
  problems.push(...fold.problems);
  const bal = fold.balances;
  const sources = bal.projects;
  const totals =
    input.projectTotals instanceof Map ? input.projectTotals : new Map(Object.entries(input.projectTotals));
  for (const id of [...new Set([...sources.keys(), ...totals.keys()])].sort()) {
    const j = sources.get(id) ?? zeroSources();
    const c = totals.get(id) ?? {};
    for (const s of Object.keys(j) as MoneySource[]) {
      if (j[s] !== (c[s] ?? 0)) problems.push(`project ${id} ${s}: journal ${j[s]} ≠ counters ${c[s] ?? 0}`);
    }
  }
  const poolOut = -sum(bal.pool);
  if (input.poolSpentFen !== undefined) {
    if (poolOut !== input.poolSpentFen)
      problems.push(`pool: journal paid out ${poolOut} ≠ shards spent ${input.poolSpentFen}`);
    if (input.poolFen !== undefined && input.poolSpentFen > input.poolFen)
      problems.push(`pool overspent: ${input.poolSpentFen} > ${input.poolFen}`);
  }
  // Shard by shard, when no entry predates pool accounts naming their shard.
  if (input.poolShards && !bal.pool.has('')) {
    const spent = new Map(input.poolShards.map((s) => [s.id, s.spentFen]));
    for (const id of [...new Set([...spent.keys(), ...bal.pool.keys()])].sort()) {
      const j = -(bal.pool.get(id) ?? 0);
      if (j !== (spent.get(id) ?? 0)) problems.push(`pool shard ${id}: journal ${j} ≠ spent ${spent.get(id) ?? 0}`);
    }
  }
  if (input.poolBudgetFen !== undefined && input.poolLeftFen !== undefined) {
    if (input.poolBudgetFen - poolOut !== input.poolLeftFen) {
      problems.push(`pool: budget ${input.poolBudgetFen} − journal paid out ${poolOut} ≠ left ${input.poolLeftFen}`);
    }
    if (input.poolLeftFen < 0) problems.push(`pool overspent: left ${input.poolLeftFen}`);
  }
  for (const s of input.sponsors) {
    const paid = -(bal.sponsors.get(s.id) ?? 0);
    if (s.paidFen !== undefined && paid !== s.paidFen)
      problems.push(`sponsor ${s.id}: journal ${paid} ≠ paid ${s.paidFen}`);
    if (s.leftFen + paid !== s.pledgedFen || s.leftFen < 0)
      problems.push(`sponsor ${s.id}: left ${s.leftFen} + journal paid ${paid} ≠ pledged ${s.pledgedFen}`);
  }
  if (input.paidOrders) {
    const ordersIn = input.paidOrders.reduce((t, o) => t + o.payFen, 0);
    if (-bal.donors !== ordersIn) problems.push(`donors: journal ${-bal.donors} ≠ paid orders ${ordersIn}`);
    const couponsUsed = input.paidOrders.reduce((t, o) => t + o.couponFen, 0);
    const couponOut = -sum(bal.coupons);
    if (couponOut !== couponsUsed)
      problems.push(`coupons: journal ${couponOut} ≠ coupons on paid orders ${couponsUsed}`);
  }
  if (input.coupons) {
    const kept = new Map(input.coupons.map((c) => [c.batchId, c.usedFen]));
    for (const id of [...new Set([...kept.keys(), ...bal.coupons.keys()])].sort()) {
      const used = -(bal.coupons.get(id) ?? 0);
      if (used !== (kept.get(id) ?? 0))
        problems.push(`coupon batch ${id}: journal ${used} ≠ used ${kept.get(id) ?? 0}`);
    }
  }
  if (input.topups) {
    const topupOut = -sum(bal.topups);
    const topped = input.topups.reduce((t, x) => t + x.toppedFen, 0);
    if (topupOut !== topped) problems.push(`top-up: journal ${topupOut} ≠ settled ${topped}`);
    if (!bal.topups.has(''))
      for (const t of input.topups) {
        const j = -(bal.topups.get(t.projectId) ?? 0);
        if (j !== t.toppedFen) problems.push(`top-up ${t.projectId}: journal ${j} ≠ settled ${t.toppedFen}`);
      }
  }
  return problems;
}
