/**
 * A user's match document (`match_users`, one per campaign and user): the daily match cap, the recent
 * paid times for the per-minute limit, the orders still open, and the projects paid to (distinct
 * donors). Only that user's own payments and draws write it, so it never becomes a hot document, and
 * every decision that depends on it is made in a transaction that also writes it.
 */
import { matchUserId } from '../../domain/ids';
import { withPaid, type PaidMark, type UserMatchState } from '../../domain/match';
import { db, insertOnce } from './cloud';
import { C, type MatchUserDoc } from './collections';
import { queryWxOrder } from './pay';

export type Tx = Parameters<Parameters<ReturnType<typeof db>['runTransaction']>[0]>[0];

export interface MatchUserRecord {
  id: string;
  ref: ReturnType<ReturnType<Tx['collection']>['doc']>;
  doc: MatchUserDoc | null;
}

export const emptyMatchUser = (id: string): MatchUserDoc => ({ _id: id, days: {}, recent: [], open: {}, projects: {} });

export async function readMatchUser(tx: Tx, campaignId: string, openid: string): Promise<MatchUserRecord> {
  const id = matchUserId(campaignId, openid);
  const ref = tx.collection(C.matchUsers).doc(id);
  return { id, ref, doc: ((await ref.get()).data as MatchUserDoc | null) ?? null };
}

/** The draw's view of a user on a Beijing day. */
export function userDay(doc: MatchUserDoc | null, day: string): UserMatchState {
  return { matchedFen: doc?.days?.[day]?.matchedFen ?? 0, recent: [...(doc?.recent ?? [])] };
}

export interface MatchUserChange {
  day: string;
  /** The user's matched fen on `day` after this transaction. */
  matchedFen?: number;
  /** A paid donation: its mark joins `recent`, it counts on the day, its order leaves `open`. */
  paid?: { mark: PaidMark; projectId: string };
  /** Open orders to forget (expired or closed). */
  dropOpen?: string[];
}

/** Write the user's document back in the transaction that read it (whole document: it is small). */
export async function writeMatchUser(tx: Tx, rec: MatchUserRecord, change: MatchUserChange): Promise<MatchUserDoc> {
  const cur = rec.doc ?? emptyMatchUser(rec.id);
  const prevDay = cur.days?.[change.day] ?? { matchedFen: 0, paid: 0 };
  const open = { ...(cur.open ?? {}) };
  for (const id of change.dropOpen ?? []) delete open[id];
  if (change.paid) delete open[change.paid.mark.id];
  const next: Omit<MatchUserDoc, '_id'> = {
    days: {
      ...(cur.days ?? {}),
      [change.day]: { matchedFen: change.matchedFen ?? prevDay.matchedFen, paid: prevDay.paid + (change.paid ? 1 : 0) },
    },
    recent: change.paid ? withPaid(cur.recent ?? [], change.paid.mark) : (cur.recent ?? []),
    open,
    projects: change.paid ? { ...(cur.projects ?? {}), [change.paid.projectId]: 1 } : (cur.projects ?? {}),
  };
  await rec.ref.set({ data: next });
  return { _id: cur._id, ...next };
}

/**
 * Note an order as open before it can be paid (donate.create, before unifiedOrder): a callback for a
 * later payment must know it exists to ask WeChat Pay whether it was paid earlier. A first-time
 * donor's note is one insert (most donors at the surge); a returning donor's is an update after it.
 * Entries leave at payment or by age (the callback).
 */
export async function noteOpenOrder(
  campaignId: string,
  openid: string,
  orderId: string,
  createdAt: number,
): Promise<void> {
  const id = matchUserId(campaignId, openid);
  if (await insertOnce<MatchUserDoc>(C.matchUsers, { ...emptyMatchUser(id), open: { [orderId]: createdAt } })) return;
  await db()
    .collection(C.matchUsers)
    .doc(id)
    .update({ data: { open: { [orderId]: createdAt } } });
}

/** Most open orders a callback asks WeChat Pay about (a bot holding more open orders gains nothing). */
const MAX_OPEN_QUERIES = 20;
const MINUTE_MS = 60_000;

/**
 * The per-minute limit is judged by PAID time, but notifications arrive in any order: an order paid
 * before this one may not have been notified yet. Ask WeChat Pay about the user's other open orders
 * created before this payment; those it paid within the minute before count as marks now (their own
 * callbacks add them to `recent` later). Also returns open entries that can be forgotten: too old to
 * be paid, or closed. `cache` keeps WeChat's answers across the transaction's attempts.
 */
export async function unnotifiedPaidMarks(
  doc: MatchUserDoc | null,
  self: PaidMark,
  nowMs: number,
  openTtlMs: number,
  cache: Map<string, Promise<Awaited<ReturnType<typeof queryWxOrder>>>>,
): Promise<{ marks: PaidMark[]; drop: string[] }> {
  const known = new Set((doc?.recent ?? []).map((m) => m.id));
  const drop: string[] = [];
  const ask: string[] = [];
  const open = Object.entries(doc?.open ?? {}).sort((a, b) => b[1] - a[1]);
  for (const [id, createdAt] of open) {
    if (id === self.id) continue;
    if (createdAt < nowMs - openTtlMs) drop.push(id);
    else if (createdAt <= self.at && !known.has(id) && ask.length < MAX_OPEN_QUERIES) ask.push(id);
  }
  const marks: PaidMark[] = [];
  await Promise.all(
    ask.map(async (id) => {
      if (!cache.has(id)) cache.set(id, queryWxOrder(id));
      const r = await cache.get(id)!;
      if (r.state === 'closed') drop.push(id);
      if (r.state === 'paid' && r.paidAtMs > self.at - MINUTE_MS && r.paidAtMs <= self.at)
        marks.push({ at: r.paidAtMs, id, notified: false });
    }),
  );
  return { marks, drop };
}
