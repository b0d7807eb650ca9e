/**
 * Small red flowers (小红花). A user's balance lives on one account document; every earning is one
 * transaction that checks the source's daily cap AND that this business key was not credited before,
 * so retries never double-credit; a gift is one transaction, so a balance never goes negative.
 */
import type { CampaignSettings } from '../../domain/settings';
import { DomainError, ErrorCode } from '../../domain/errors';
import { beijingDate } from '../../domain/time';
import { db, insertOnce } from './cloud';
import { C } from './collections';
import { counterId, counterInc } from './totals';
import { faultPoint } from './fault';

export type FlowerSource = 'donate' | 'quiz' | 'steps';

export interface FlowerAccountDoc {
  _id: string; // openid
  balance: number;
  given: number;
  earned: Record<string, Partial<Record<FlowerSource, number>>>; // by Beijing day
  keys: Record<string, number>; // business keys already credited
}

export interface FlowerEventDoc {
  _id: string;
  openid: string;
  kind: 'earn' | 'give';
  source: FlowerSource | 'gift';
  count: number;
  projectId: string | null;
  key: string;
  at: number;
  day: string;
}

const CAP_OF: Record<FlowerSource, keyof CampaignSettings['flowers']> = {
  donate: 'donateDailyCap',
  quiz: 'quizDailyCap',
  steps: 'stepsDailyCap',
};

async function ensureAccount(openid: string): Promise<void> {
  await insertOnce<FlowerAccountDoc>(C.flowerAccounts, { _id: openid, balance: 0, given: 0, earned: {}, keys: {} });
}

/**
 * Credit one flower for `key` if today's cap for the source allows; returns flowers credited (0 or 1).
 * One transaction over the account and the history line: a retry never double-credits, and a credit
 * never exists without its line.
 */
export async function creditFlower(args: {
  settings: CampaignSettings;
  openid: string;
  source: FlowerSource;
  key: string;
  day: string;
  nowMs: number;
  projectId?: string | null;
}): Promise<number> {
  const cap = args.settings.flowers[CAP_OF[args.source]];
  if (cap <= 0) return 0;
  const _ = db().command;
  return db().runTransaction(async (tx) => {
    const ref = tx.collection(C.flowerAccounts).doc(args.openid);
    const account = (await ref.get()).data as FlowerAccountDoc | null;
    if (account?.keys?.[args.key]) return 0;
    if ((account?.earned?.[args.day]?.[args.source] ?? 0) >= cap) return 0;
    if (!account) {
      await ref.set({ data: { balance: 1, given: 0, earned: { [args.day]: { [args.source]: 1 } }, keys: { [args.key]: 1 } } });
    } else {
      await ref.update({ data: { balance: _.inc(1), [`earned.${args.day}.${args.source}`]: _.inc(1), [`keys.${args.key}`]: 1 } });
    }
    faultPoint('flowers:afterCredit');
    const event: Omit<FlowerEventDoc, '_id'> = { openid: args.openid, kind: 'earn', source: args.source, count: 1, projectId: args.projectId ?? null, key: args.key, at: args.nowMs, day: args.day };
    await tx.collection(C.flowerEvents).doc(`earn_${args.key}`).set({ data: event });
    return 1;
  });
}

/** Was this key credited (e.g. did this order earn a flower)? */
export async function creditedFor(openid: string, key: string): Promise<number> {
  const { data } = await db().collection(C.flowerAccounts).doc(openid).get();
  return Number((data as FlowerAccountDoc | null)?.keys?.[key] ?? 0);
}

/**
 * Give one flower to a project: the balance check, the decrement, the project's flower count and the
 * history record commit together (a balance never goes negative, a flower is never lost midway).
 */
export async function giveFlower(args: { openid: string; projectId: string; key: string; nowMs: number; day: string }): Promise<void> {
  await ensureAccount(args.openid);
  await db().runTransaction(async (tx) => {
    const ref = tx.collection(C.flowerAccounts).doc(args.openid);
    const account = (await ref.get()).data as FlowerAccountDoc;
    if (!account || account.balance < 1) throw new DomainError(ErrorCode.FLOWERS_INSUFFICIENT, '小红花不足');
    const _ = db().command;
    await ref.update({ data: { balance: _.inc(-1), given: _.inc(1) } });
    await tx.collection(C.projectCounters).doc(counterId(args.projectId, args.key)).update({ data: counterInc({ flowers: 1 }) });
    const event: Omit<FlowerEventDoc, '_id'> = { openid: args.openid, kind: 'give', source: 'gift', count: 1, projectId: args.projectId, key: args.key, at: args.nowMs, day: args.day };
    await tx.collection(C.flowerEvents).doc(`give_${args.key}`).set({ data: event });
  });
}

/**
 * Donation flowers are credited lazily (when the user looks at flowers or a result), not in the payment
 * transaction: the first `donateDailyCap` paid donations of each Beijing day earn one each. Idempotent.
 */
export async function syncDonationFlowers(settings: CampaignSettings, openid: string, nowMs: number): Promise<FlowerAccountDoc | null> {
  const [ordersRes, accountRes] = await Promise.all([
    db().collection(C.orders).where({ openid, status: 'paid' }).orderBy('paidAt', 'asc').limit(100).get(),
    db().collection(C.flowerAccounts).doc(openid).get(),
  ]);
  const account = accountRes.data as FlowerAccountDoc | null;
  const perDay = new Map<string, number>();
  let attempted = false;
  for (const order of ordersRes.data as Array<{ _id: string; paidAt: number; projectId: string }>) {
    const day = beijingDate(order.paidAt);
    const rank = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, rank);
    if (rank > settings.flowers.donateDailyCap || account?.keys?.[order._id]) continue;
    await creditFlower({ settings, openid, source: 'donate', key: order._id, day, nowMs, projectId: order.projectId });
    attempted = true;
  }
  // Re-read after any attempt: a concurrent call may have credited what this one found missing.
  if (!attempted) return account;
  return (await db().collection(C.flowerAccounts).doc(openid).get()).data as FlowerAccountDoc;
}
