/**
 * Small red flowers (小红花). A user's balance lives on one account document; every earning runs in a
 * transaction that checks the source's daily cap AND that this business key was not credited before,
 * so retries never double-credit; a gift is one transaction, so a balance never goes negative.
 * Both also run inside the transaction of what earned or spent the flower (no window to lose one).
 */
import type { CampaignSettings } from '../../domain/settings';
import type { FlowerEventKind, FlowerSource } from '../../domain/api';
import { DomainError, ErrorCode } from '../../domain/errors';
import { db } from './cloud';
import { C } from './collections';
import { bumpTallies } from './journal';
import { faultPoint } from './fault';
import { runMoneyTx } from './moneyTx';

export type { FlowerSource };

export interface FlowerAccountDoc {
  _id: string; // openid
  balance: number;
  given: number;
  /** By `${campaignId}:${day}` (each campaign's daily caps apart; the balance is the user's across campaigns). */
  earned: Record<string, Partial<Record<FlowerSource, number>>>;
  keys: Record<string, number>; // business keys already credited
}

export interface FlowerEventDoc {
  _id: string;
  openid: string;
  kind: FlowerEventKind;
  source: FlowerSource | 'gift';
  count: number;
  projectId: string | null;
  key: string;
  at: number;
  day: string;
}

/** The key of a campaign's Beijing day in `earned` (each campaign's daily caps count apart). */
export const flowerDayKey = (campaignId: string, day: string): string => `${campaignId}:${day}`;

const CAP_OF: Record<FlowerSource, keyof CampaignSettings['flowers']> = {
  donate: 'donateDailyCap',
  quiz: 'quizDailyCap',
  steps: 'stepsDailyCap',
};

/** The transaction handle `runTransaction` passes its callback. */
export type FlowerTx = Parameters<Parameters<ReturnType<typeof db>['runTransaction']>[0]>[0];

export interface CreditArgs {
  settings: CampaignSettings;
  openid: string;
  source: FlowerSource;
  key: string;
  day: string;
  nowMs: number;
  projectId?: string | null;
}

/**
 * Credit one flower for `key` inside the caller's transaction, if today's cap for the source allows;
 * returns flowers credited (0 or 1). The account and its history line commit with whatever earned the
 * flower (a step donation, a quiz claim, a folded order), so a crash can never keep one without the other.
 */
export async function creditFlowerTx(tx: FlowerTx, args: CreditArgs): Promise<number> {
  const cap = args.settings.flowers[CAP_OF[args.source]];
  if (cap <= 0) return 0;
  const _ = db().command;
  const ref = tx.collection(C.flowerAccounts).doc(args.openid);
  const account = (await ref.get()).data as FlowerAccountDoc | null;
  if (account?.keys?.[args.key]) return 0;
  const day = flowerDayKey(args.settings.id, args.day);
  if ((account?.earned?.[day]?.[args.source] ?? 0) >= cap) return 0;
  if (!account) {
    await ref.set({
      data: { balance: 1, given: 0, earned: { [day]: { [args.source]: 1 } }, keys: { [args.key]: 1 } },
    });
  } else {
    await ref.update({
      data: { balance: _.inc(1), [`earned.${day}.${args.source}`]: _.inc(1), [`keys.${args.key}`]: 1 },
    });
  }
  faultPoint('flowers:afterCredit');
  const event: Omit<FlowerEventDoc, '_id'> = {
    openid: args.openid,
    kind: 'earn',
    source: args.source,
    count: 1,
    projectId: args.projectId ?? null,
    key: args.key,
    at: args.nowMs,
    day: args.day,
  };
  await tx.collection(C.flowerEvents).doc(`earn_${args.key}`).set({ data: event });
  return 1;
}

/** `creditFlowerTx` in a transaction of its own. */
export function creditFlower(args: CreditArgs): Promise<number> {
  return runMoneyTx((tx) => creditFlowerTx(tx, args));
}

/** Was this key credited (e.g. did this order earn a flower)? */
export async function creditedFor(openid: string, key: string): Promise<number> {
  const { data } = await db().collection(C.flowerAccounts).doc(openid).get();
  return Number((data as FlowerAccountDoc | null)?.keys?.[key] ?? 0);
}

/**
 * Give one flower to a project inside the caller's transaction: the balance check, the decrement, the
 * project's flower count and the history record commit together (a balance never goes negative, a
 * flower is never lost midway). Keyed: a gift whose record exists already is not given again (false).
 * A refusal writes nothing — not even an empty account.
 */
export async function giveFlowerTx(
  tx: FlowerTx,
  args: { openid: string; projectId: string; key: string; nowMs: number; day: string },
  attempt = 1,
): Promise<boolean> {
  const ref = tx.collection(C.flowerAccounts).doc(args.openid);
  const account = (await ref.get()).data as FlowerAccountDoc | null;
  const eventRef = tx.collection(C.flowerEvents).doc(`give_${args.key}`);
  if ((await eventRef.get()).data) return false;
  if (!account || account.balance < 1) throw new DomainError(ErrorCode.FLOWERS_INSUFFICIENT, '小红花不足');
  const _ = db().command;
  await ref.update({ data: { balance: _.inc(-1), given: _.inc(1) } });
  const event: Omit<FlowerEventDoc, '_id'> = {
    openid: args.openid,
    kind: 'give',
    source: 'gift',
    count: 1,
    projectId: args.projectId,
    key: args.key,
    at: args.nowMs,
    day: args.day,
  };
  await eventRef.set({ data: event });
  // The shared counter shard last, picked per attempt: a conflict on a hot project retries on another.
  await bumpTallies(tx, args.projectId, args.key, attempt, { flowers: 1 });
  return true;
}

export async function giveFlower(args: {
  openid: string;
  projectId: string;
  key: string;
  nowMs: number;
  day: string;
}): Promise<void> {
  await runMoneyTx((tx, attempt) => giveFlowerTx(tx, args, attempt));
}
