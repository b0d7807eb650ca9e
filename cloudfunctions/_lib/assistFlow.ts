/**
 * Friend assist: a friend who donates through the assist page, completes the quiz, or gives a flower
 * helps the inviter once per inviter × project × Beijing day; a counted help earns the inviter's paid
 * donation an extra draw from the same paced pool. One transaction records the assist, the friend's
 * daily count and the draw, so concurrent or repeated helps never exceed a cap or draw twice.
 */
import { evaluateAssist } from '../../domain/assist';
import { extraMatchEntry } from '../../domain/ledger';
import { DomainError, ErrorCode } from '../../domain/errors';
import { beijingDate, beijingDay8 } from '../../domain/time';
import { userKey } from '../../domain/ids';
import { db } from './cloud';
import { loadSettings } from './campaign';
import { C, type AssistCounterDoc, type AssistDoc, type OrderDoc, type ShareDoc } from './collections';
import { drawInTransaction, drawWindowOpen, ensureDayReleased } from './pool';
import { counterId, counterInc } from './totals';

export type AssistAction = AssistDoc['action'];

export interface AssistResult {
  assisted: boolean;
  extraDraw: { amountFen: number; reason?: string } | null;
  reason?: string;
}

export async function loadShare(shareId: string): Promise<ShareDoc> {
  const share = (await db().collection(C.shares).doc(shareId).get()).data as ShareDoc | null;
  if (!share) throw new DomainError(ErrorCode.SHARE_NOT_FOUND, '邀请链接无效');
  return share;
}

export const assistIdOf = (share: ShareDoc, friend: string, nowMs: number) =>
  `${userKey(share.inviter)}_${share.projectId}_${userKey(friend)}_${beijingDay8(nowMs)}`;

/** The inviter's latest paid donation to the project (the one an extra draw goes to). */
export async function inviterDonation(share: ShareDoc): Promise<OrderDoc | null> {
  const { data } = await db()
    .collection(C.orders)
    .where({ openid: share.inviter, projectId: share.projectId, status: 'paid' })
    .orderBy('paidAt', 'desc')
    .limit(1)
    .get();
  return (data[0] as OrderDoc | undefined) ?? null;
}

export async function recordAssist(share: ShareDoc, friend: string, action: AssistAction, nowMs: number): Promise<AssistResult> {
  const settings = await loadSettings();
  const day = beijingDate(nowMs);
  const donation = await inviterDonation(share);
  if (donation && drawWindowOpen(settings, nowMs, nowMs)) await ensureDayReleased(settings, day, nowMs);
  const assistId = assistIdOf(share, friend, nowMs);
  const counterDocId = `${userKey(friend)}_${day}`;

  return db().runTransaction(async (tx) => {
    const assistRef = tx.collection(C.assists).doc(assistId);
    const already = (await assistRef.get()).data as AssistDoc | null;
    const counterRef = tx.collection(C.assistCounters).doc(counterDocId);
    const counter = already ? null : ((await counterRef.get()).data as AssistCounterDoc | null);
    const orderRef = donation ? tx.collection(C.orders).doc(donation._id) : null;
    const order = orderRef && !already ? ((await orderRef.get()).data as OrderDoc) : null;
    const verdict = evaluateAssist({
      inviter: share.inviter,
      friend,
      projectId: share.projectId,
      day,
      alreadyCountedToday: !!already,
      friendAssistsToday: counter?.count ?? 0,
      inviterDonation: order ? { orderId: order._id, extraDraws: order.extraDraws ?? 0 } : null,
      settings,
    });
    if (!verdict.counts) return { assisted: false, extraDraw: null, reason: verdict.reason };

    let extraDraw: AssistResult['extraDraw'] = null;
    if (verdict.extraDraw && order && orderRef) {
      const draw = await drawInTransaction(tx, {
        settings,
        openid: order.openid,
        projectId: order.projectId,
        donationFen: order.payFen,
        paidAtMs: nowMs,
        nowMs,
        kind: 'extra',
        key: assistId,
      });
      extraDraw = draw.reason ? { amountFen: 0, reason: draw.reason } : { amountFen: draw.amountFen };
      const _ = db().command;
      await orderRef.update({ data: { extraDraws: _.inc(1), extraMatchedFen: _.inc(draw.amountFen) } });
      if (draw.amountFen > 0) {
        await tx.collection(C.journal).add({
          data: extraMatchEntry({ assistId, orderId: order._id, projectId: order.projectId, openid: order.openid, amountFen: draw.amountFen, atMs: nowMs, day }),
        });
        await tx.collection(C.projectCounters).doc(counterId(order.projectId, assistId)).update({ data: counterInc({ match: draw.amountFen }) });
      }
    }
    const doc: Omit<AssistDoc, '_id'> = {
      shareId: share._id,
      inviter: share.inviter,
      friend,
      projectId: share.projectId,
      day,
      action,
      at: nowMs,
      orderId: order?._id ?? null,
      extraDraw,
    };
    await assistRef.set({ data: doc });
    await counterRef.set({ data: { count: (counter?.count ?? 0) + 1 } });
    return { assisted: true, extraDraw };
  });
}

/** A donation made through an assist page counts as the friend's help (after the payment). */
export async function assistFromDonation(order: OrderDoc, nowMs: number): Promise<void> {
  if (!order.shareId) return;
  const share = (await db().collection(C.shares).doc(order.shareId).get()).data as ShareDoc | null;
  if (!share || share.inviter === order.openid || share.projectId !== order.projectId) return;
  await recordAssist(share, order.openid, 'donate', nowMs);
}
