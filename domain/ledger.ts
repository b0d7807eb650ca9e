/**
 * The double-entry journal.
 *
 * Every money movement is one journal entry whose postings sum to zero. Accounts:
 *   donor:<openid>            the donor's own money (WeChat Pay)
 *   project:<id>:<source>     what a project received, by source (public, match, sponsor, coupon, topup)
 *   pool:foundation           the Tencent Foundation matching pool
 *   sponsor:<id>              a caring enterprise's step-donation budget
 *   coupon:<batchId>          a love-coupon batch's enterprise money
 *   federation:topup          the Charity Federation's top-up fund
 * Entry `_id`s derive from the business key (order, assist, step day…), so a retried write is a
 * duplicate, never a second entry.
 */
import type { MoneySource } from './api';
import { assertFen } from './errors';

export interface Posting {
  account: string;
  amountFen: number;
}

/** 'donation' … 'refund': the payment path's combined entries; 'match' … 'match_forfeit': the split builders below. */
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
  /** A reversal names the entry it reverses (the original is never edited). */
  reverses?: string;
  at: number;
  day: string;
}

export const account = {
  donor: (openid: string) => `donor:${openid}`,
  project: (projectId: string, source: MoneySource) => `project:${projectId}:${source}`,
  pool: () => 'pool:foundation',
  sponsor: (id: string) => `sponsor:${id}`,
  coupon: (batchId: string) => `coupon:${batchId}`,
  topup: () => 'federation:topup',
};

/** From → to transfer pair (skipped when zero). */
function transfer(from: string, to: string, amountFen: number): Posting[] {
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

/** A paid order: the donor's money, the coupon's money and the Foundation match, in one entry. */
export function paidOrderEntry(args: {
  order: { _id: string; openid: string; projectId: string; payFen: number; couponFen: number; couponId: string | null };
  matchFen: number;
  atMs: number;
  day: string;
}): JournalEntry {
  const { order } = args;
  // Coupon ids are `${batchId}_${userKey}`; batch ids may contain '_' themselves, user keys never do.
  const couponBatch = order.couponId ? order.couponId.slice(0, order.couponId.lastIndexOf('_')) : 'none';
  return entry({
    _id: `order_${order._id}`,
    kind: 'donation',
    orderId: order._id,
    projectId: order.projectId,
    at: args.atMs,
    day: args.day,
    postings: [
      ...transfer(account.donor(order.openid), account.project(order.projectId, 'public'), order.payFen),
      ...transfer(account.coupon(couponBatch), account.project(order.projectId, 'coupon'), order.couponFen),
      ...transfer(account.pool(), account.project(order.projectId, 'match'), args.matchFen),
    ],
  });
}

/** An extra match won by a friend's assist, credited to the inviter's donation. */
export function extraMatchEntry(args: {
  assistId: string;
  orderId: string;
  projectId: string;
  openid: string;
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
    postings: transfer(account.pool(), account.project(args.projectId, 'match'), args.amountFen),
  });
}

/** A step donation: the sponsor pays, and the Foundation may match it. */
export function sponsorStepEntry(args: {
  stepId: string;
  sponsorId: string;
  projectId: string;
  openid: string;
  amountFen: number;
  matchFen: number;
  atMs: number;
  day: string;
}): JournalEntry {
  return entry({
    _id: `steps_${args.stepId}`,
    kind: 'steps',
    projectId: args.projectId,
    at: args.atMs,
    day: args.day,
    postings: [
      ...transfer(account.sponsor(args.sponsorId), account.project(args.projectId, 'sponsor'), args.amountFen),
      ...transfer(account.pool(), account.project(args.projectId, 'match'), args.matchFen),
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
    postings: transfer(account.topup(), account.project(args.projectId, 'topup'), args.amountFen),
  });
}

/**
 * Reverse a paid order's entry: the donor's and the coupon's money go back, the main match and the
 * assist extras return to the pool, and the Federation takes back the top-up the refunded money earned.
 */
export function refundEntry(
  original: JournalEntry,
  extraMatchFen: number,
  atMs: number,
  day: string,
  topupFen = 0,
): JournalEntry {
  const reversed = original.postings.map((p) => ({ account: p.account, amountFen: -p.amountFen }));
  const projectId = original.projectId;
  return entry({
    _id: `refund_${original.orderId}`,
    kind: 'refund',
    orderId: original.orderId,
    reverses: original._id,
    projectId,
    at: atMs,
    day,
    postings: [
      ...reversed,
      ...transfer(account.project(projectId, 'match'), account.pool(), extraMatchFen),
      ...transfer(account.project(projectId, 'topup'), account.topup(), topupFen),
    ],
  });
}

/** Net balance of every account over a set of entries. */
export function balances(entries: Iterable<Pick<JournalEntry, 'postings'>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) for (const p of e.postings) out.set(p.account, (out.get(p.account) ?? 0) + p.amountFen);
  return out;
}

/** What each project received by source, from account balances. */
export function projectSources(bal: Map<string, number>): Map<string, Record<MoneySource, number>> {
  const out = new Map<string, Record<MoneySource, number>>();
  for (const [acc, fen] of bal) {
    const m = /^project:([^:]+):(public|match|sponsor|coupon|topup)$/.exec(acc);
    if (!m) continue;
    const row = out.get(m[1]) ?? { public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 };
    row[m[2] as MoneySource] += fen;
    out.set(m[1], row);
  }
  return out;
}

// ---- Split builders: one source per entry (the brief's API; `day` derives from `at`). ----

const zeroSources = (): Record<MoneySource, number> => ({ public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 });

/** Net money by source over all projects. */
export function totalsBySource(entries: Iterable<Pick<JournalEntry, 'postings'>>): Record<MoneySource, number> {
  const out = zeroSources();
  for (const row of projectSources(balances(entries)).values()) {
    for (const s of Object.keys(out) as MoneySource[]) out[s] += row[s];
  }
  return out;
}

export type Imbalance = string;

export interface ReconcileInput {
  entries: JournalEntry[];
  /** Counter totals per project (what the app shows); a Map or a plain record. */
  projectTotals: Map<string, Record<MoneySource, number>> | Record<string, Partial<Record<MoneySource, number>>>;
  /** Pool as budget + spent (shards) … */
  poolFen?: number;
  poolSpentFen?: number;
  /** … or as budget + left. */
  poolBudgetFen?: number;
  poolLeftFen?: number;
  sponsors: Array<{ id: string; pledgedFen: number; leftFen: number; paidFen?: number }>;
  /** Paid (not refunded) orders' donor money and the coupons they used. */
  paidOrders?: Array<{ _id: string; payFen: number; couponFen: number }>;
  topups?: Array<{ projectId: string; toppedFen: number }>;
  coupons?: Array<{ batchId: string; usedFen: number }>;
}

const sumWhere = (bal: Map<string, number>, prefix: string) =>
  [...bal].filter(([a]) => a.startsWith(prefix)).reduce((t, [, v]) => t - v, 0);

/** Every imbalance between the journal and the balances the app keeps; empty when all agree to the fen. */
export function reconcile(input: ReconcileInput): Imbalance[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of input.entries) {
    if (seen.has(e._id)) problems.push(`entry ${e._id} appears twice`);
    seen.add(e._id);
    try {
      assertBalanced(e);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const bal = balances(input.entries);
  const sources = projectSources(bal);
  const totals =
    input.projectTotals instanceof Map ? input.projectTotals : new Map(Object.entries(input.projectTotals));
  for (const id of [...new Set([...sources.keys(), ...totals.keys()])].sort()) {
    const j = sources.get(id) ?? zeroSources();
    const c = totals.get(id) ?? {};
    for (const s of Object.keys(j) as MoneySource[]) {
      if (j[s] !== (c[s] ?? 0)) problems.push(`project ${id} ${s}: journal ${j[s]} ≠ counters ${c[s] ?? 0}`);
    }
  }
  const poolOut = -(bal.get(account.pool()) ?? 0);
  if (input.poolSpentFen !== undefined) {
    if (poolOut !== input.poolSpentFen)
      problems.push(`pool: journal paid out ${poolOut} ≠ shards spent ${input.poolSpentFen}`);
    if (input.poolFen !== undefined && input.poolSpentFen > input.poolFen)
      problems.push(`pool overspent: ${input.poolSpentFen} > ${input.poolFen}`);
  }
  if (input.poolBudgetFen !== undefined && input.poolLeftFen !== undefined) {
    if (input.poolBudgetFen - poolOut !== input.poolLeftFen) {
      problems.push(`pool: budget ${input.poolBudgetFen} − journal paid out ${poolOut} ≠ left ${input.poolLeftFen}`);
    }
    if (input.poolLeftFen < 0) problems.push(`pool overspent: left ${input.poolLeftFen}`);
  }
  for (const s of input.sponsors) {
    const paid = -(bal.get(account.sponsor(s.id)) ?? 0);
    if (s.paidFen !== undefined && paid !== s.paidFen)
      problems.push(`sponsor ${s.id}: journal ${paid} ≠ paid ${s.paidFen}`);
    if (s.leftFen + paid !== s.pledgedFen || s.leftFen < 0)
      problems.push(`sponsor ${s.id}: left ${s.leftFen} + journal paid ${paid} ≠ pledged ${s.pledgedFen}`);
  }
  if (input.paidOrders) {
    const ordersIn = input.paidOrders.reduce((t, o) => t + o.payFen, 0);
    const donorOut = sumWhere(bal, 'donor:');
    if (donorOut !== ordersIn) problems.push(`donors: journal ${donorOut} ≠ paid orders ${ordersIn}`);
    const couponsUsed = input.paidOrders.reduce((t, o) => t + o.couponFen, 0);
    const couponOut = sumWhere(bal, 'coupon:');
    if (couponOut !== couponsUsed)
      problems.push(`coupons: journal ${couponOut} ≠ coupons on paid orders ${couponsUsed}`);
  }
  for (const c of input.coupons ?? []) {
    const used = -(bal.get(account.coupon(c.batchId)) ?? 0);
    if (used !== c.usedFen) problems.push(`coupon batch ${c.batchId}: journal ${used} ≠ used ${c.usedFen}`);
  }
  if (input.topups) {
    const topupOut = -(bal.get(account.topup()) ?? 0);
    const topped = input.topups.reduce((t, x) => t + x.toppedFen, 0);
    if (topupOut !== topped) problems.push(`top-up: journal ${topupOut} ≠ settled ${topped}`);
  }
  return problems;
}
