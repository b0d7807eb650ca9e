/**
 * Friend assist: a friend who donates through the assist page, completes the quiz, or gives a flower
 * helps the inviter once per inviter × project × Beijing day; a counted help earns the inviter's paid
 * donation an extra draw from the same paced pool.
 *
 * Three steps, so a popular donation is never one hot lock: (1) a transaction over the friend's own
 * documents records the help and their daily count (once a day, 30 a day); (2) a single guarded update
 * claims one of the donation's draws, keyed by the assist (at most 5, no queue: losers fail at once);
 * (3) only a claimant runs the draw transaction (pool shard, order, ledger, counter, assist). A help left
 * with `drawPending` by a crash between the steps is finished by the next call for the same assist.
 */
import { evaluateAssist, pickDonation } from '../../domain/assist';
import type { CampaignSettings } from '../../domain/settings';
import type { AssistAction, AssistFlowerResult, AssistReason } from '../../domain/api';
import { extraMatchEntry } from '../../domain/ledger';
import { DomainError, ErrorCode } from '../../domain/errors';
import { beijingDate, beijingDay8 } from '../../domain/time';
import { userDayId, userKey } from '../../domain/ids';
import { db } from './cloud';
import { loadSettings } from './campaign';
import { C, type AssistCounterDoc, type AssistDoc, type OrderDoc, type ShareDoc } from './collections';
import { drawInTransaction, drawWindowOpen, ensureDayReleased } from './pool';
import { faultPoint } from './fault';
import { runMoneyTx } from './moneyTx';
import { postEntry } from './journal';
import { bumpInviterRow } from './boards';

export type { AssistAction };

/** A help's outcome: the contract's assist.flower result. */
export type AssistResult = AssistFlowerResult;

export async function loadShare(shareId: string): Promise<ShareDoc> {
  const share = (await db().collection(C.shares).doc(shareId).get()).data as ShareDoc | null;
  if (!share) throw new DomainError(ErrorCode.SHARE_NOT_FOUND, '邀请链接无效');
  return share;
}

export const assistIdOf = (share: ShareDoc, friend: string, atMs: number) =>
  `${userKey(share.inviter)}_${share.projectId}_${userKey(friend)}_${beijingDay8(atMs)}`;

/**
 * The inviter's paid donation to the project an extra draw goes to (the newest with draws left, else
 * the newest), or null when they have not donated to it.
 */
export async function inviterDonation(share: ShareDoc, settings: CampaignSettings): Promise<OrderDoc | null> {
  const { data } = await db()
    .collection(C.orders)
    .where({ openid: share.inviter, projectId: share.projectId, status: 'paid' })
    .orderBy('paidAt', 'desc')
    .limit(20)
    .get();
  return pickDonation(data as OrderDoc[], settings);
}

/** The transaction handle `runTransaction` passes its callback. */
export type AssistTx = Parameters<Parameters<ReturnType<typeof db>['runTransaction']>[0]>[0];

/**
 * Record one friend's help at `atMs` (the help's own time: a donation's payment time), deciding the
 * draw at `nowMs`. Never throws for a refusal: `assisted` false with the reason. `withHelp` runs first
 * inside the recording transaction — whether or not the help counts — so what goes with the help (a
 * flower gift) commits with it or not at all; it must be idempotent per assist id (a retry runs it again).
 */
export async function recordAssist(
  share: ShareDoc,
  friend: string,
  action: AssistAction,
  nowMs: number,
  atMs = nowMs,
  withHelp?: (tx: AssistTx, assistId: string, attempt: number) => Promise<unknown>,
): Promise<AssistResult> {
  const settings = await loadSettings();
  const day = beijingDate(atMs);
  const donation = await inviterDonation(share, settings);
  const windowOpen = drawWindowOpen(settings, atMs, nowMs);
  const assistId = assistIdOf(share, friend, atMs);

  type Step1 =
    | { kind: 'refused'; reason?: AssistReason }
    | { kind: 'already' | 'recorded'; doc: AssistDoc; reason?: AssistReason };
  const step1: Step1 = await runMoneyTx(async (tx, attempt) => {
    if (withHelp) await withHelp(tx, assistId, attempt);
    const assistRef = tx.collection(C.assists).doc(assistId);
    const already = (await assistRef.get()).data as AssistDoc | null;
    if (already) return { kind: 'already', doc: { ...already, _id: assistId } };
    const counterRef = tx.collection(C.assistCounters).doc(userDayId(settings.id, friend, day));
    const counter = (await counterRef.get()).data as AssistCounterDoc | null;
    const verdict = evaluateAssist({
      inviter: share.inviter,
      friend,
      projectId: share.projectId,
      day,
      alreadyCountedToday: false,
      friendAssistsToday: counter?.count ?? 0,
      inviterDonation: donation ? { orderId: donation._id, extraDraws: donation.extraDraws ?? 0 } : null,
      settings,
      drawWindowOpen: windowOpen,
    });
    if (!verdict.counts) return { kind: 'refused', reason: verdict.reason };
    const doc: AssistDoc = {
      _id: assistId,
      shareId: share._id,
      inviter: share.inviter,
      friend,
      projectId: share.projectId,
      day,
      action,
      at: atMs,
      orderId: donation?._id ?? null,
      extraDraw: null,
      drawPending: verdict.extraDraw,
      ...(verdict.reason ? { drawReason: verdict.reason } : {}),
    };
    const { _id, ...fields } = doc;
    await assistRef.set({ data: fields });
    await counterRef.set({ data: { count: (counter?.count ?? 0) + 1 } });
    await bumpInviterRow(tx, settings.id, share.inviter, assistId, attempt); // the inviters board (boards.ts)
    return { kind: 'recorded', doc, reason: verdict.reason };
  });

  if (step1.kind === 'refused') return { assisted: false, extraDraw: null, reason: step1.reason };
  faultPoint('assist:afterRecord');
  const extraDraw = step1.doc.drawPending ? await settleDraw(settings, step1.doc, nowMs) : step1.doc.extraDraw;
  if (step1.kind === 'already') return { assisted: false, extraDraw: null, reason: 'already_assisted' };
  const reason: AssistReason | undefined = extraDraw
    ? undefined
    : step1.doc.drawPending
      ? 'draws_used_up'
      : step1.reason;
  return { assisted: true, extraDraw, ...(reason ? { reason } : {}) };
}

/** Steps 2 and 3 for a recorded help: claim one of the donation's draws, then draw (exactly once per assist). */
async function settleDraw(
  settings: CampaignSettings,
  assist: AssistDoc,
  nowMs: number,
): Promise<AssistResult['extraDraw']> {
  const _ = db().command;
  const orderId = assist.orderId!;
  const claimKey = `extraDrawBy.${assist._id}`;
  const claim = await db()
    .collection(C.orders)
    .where({
      _id: orderId,
      status: 'paid',
      extraDraws: _.lt(settings.assist.maxExtraDrawsPerDonation),
      [claimKey]: _.exists(false),
    })
    .update({ data: { extraDraws: _.inc(1), [claimKey]: 1 } });
  faultPoint('assist:afterClaim');
  if (claim.stats.updated !== 1) {
    // Not claimed now: either this assist claimed before a crash (finish it) or the draws are used up.
    const order = (await db().collection(C.orders).doc(orderId).get()).data as OrderDoc | null;
    if (!order?.extraDrawBy?.[assist._id]) {
      await db()
        .collection(C.assists)
        .where({ _id: assist._id, drawPending: true })
        .update({ data: { drawPending: false, drawReason: 'draws_used_up' } });
      return null;
    }
  }
  const day = beijingDate(assist.at);
  if (drawWindowOpen(settings, assist.at, nowMs)) await ensureDayReleased(settings, day, nowMs);
  // A conflict re-runs it with the next attempt, which draws from another pool shard.
  return runMoneyTx(async (tx, attempt) => {
    const assistRef = tx.collection(C.assists).doc(assist._id);
    const current = (await assistRef.get()).data as AssistDoc | null;
    if (!current?.drawPending) return current?.extraDraw ?? null; // a concurrent call finished it
    const orderRef = tx.collection(C.orders).doc(orderId);
    const order = (await orderRef.get()).data as OrderDoc;
    if (order.status !== 'paid') {
      // Refunded since the claim: a refunded donation earns no match.
      await assistRef.update({ data: { drawPending: false, drawReason: 'refunded' } });
      return null;
    }
    const draw = await drawInTransaction(tx, {
      settings,
      openid: order.openid,
      projectId: order.projectId,
      donationFen: order.payFen,
      paidAtMs: assist.at,
      nowMs,
      kind: 'extra',
      key: assist._id,
      attempt,
    });
    const extraDraw = draw.outcome;
    const amountFen = extraDraw.amountFen;
    // Per-shard record of extras on the order (its refund reads the entries; older ones read this).
    const byShard = amountFen > 0 && draw.shardId ? { extraByShard: { [draw.shardId]: _.inc(amountFen) } } : {};
    await postEntry(
      tx,
      amountFen > 0
        ? extraMatchEntry({
            assistId: assist._id,
            orderId,
            projectId: order.projectId,
            openid: order.openid,
            shardId: draw.shardId!,
            amountFen,
            atMs: assist.at,
            day,
          })
        : null,
      {
        attempt,
        with: draw.pacing ? [draw.pacing] : [],
        alongside: [
          ...draw.started,
          orderRef.update({ data: { extraMatchedFen: _.inc(amountFen), ...byShard } }),
          assistRef.update({ data: { extraDraw, drawPending: false } }),
        ],
      },
    );
    faultPoint('assist:beforeCommit');
    return extraDraw;
  });
}

/**
 * Finish the inviter's helps left with a draw owed (their function died between the steps and the
 * friend did not come back the same day). Safe to run beside the original call: the claim is keyed by
 * the assist and the draw transaction re-checks `drawPending`, so each draw still happens once.
 */
export async function settlePendingDraws(inviter: string, nowMs: number): Promise<number> {
  const { data } = await db().collection(C.assists).where({ inviter, drawPending: true }).limit(20).get();
  if (!data.length) return 0;
  const settings = await loadSettings();
  for (const assist of data as AssistDoc[]) await settleDraw(settings, assist, nowMs);
  return data.length;
}

/** A donation made through an assist page counts as the friend's help (after the payment). */
export async function assistFromDonation(order: OrderDoc, nowMs: number): Promise<void> {
  if (!order.shareId) return;
  const share = (await db().collection(C.shares).doc(order.shareId).get()).data as ShareDoc | null;
  if (!share || share.inviter === order.openid || share.projectId !== order.projectId) return;
  // Only a donation of at least 1 yuan helps (the match minimum, whatever the campaign's order minimum).
  if (order.payFen < (await loadSettings()).match.minDonationFen) return;
  // Keyed by the payment's day: a notification repeated across midnight finds the same assist.
  await recordAssist(share, order.openid, 'donate', nowMs, order.paidAt ?? nowMs);
}
