/**
 * `payCallback`: WeChat Pay's result notification (CloudPay calls it; WeChat retries up to 15 times
 * over 24 h, sometimes twice a second apart). Only this function marks an order paid, and it does so in
 * ONE transaction with the match draw, the ledger entry and the project counter, so however often and in
 * whatever order it is called — or wherever it crashes — the payment takes effect exactly once.
 */
import { payCallbackInput } from '../../../domain/schemas';
import { ErrorCode } from '../../../domain/errors';
import { beijingDate, parseWxPayTime } from '../../../domain/time';
import { paidOrderEntry } from '../../../domain/ledger';
import { callerContext, db } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { faultPoint } from '../../_lib/fault';
import { fail, stripPlatformKeys } from '../../_lib/handler';
import { loadSettings } from '../../_lib/campaign';
import { C, type OrderDoc } from '../../_lib/collections';
import { counterId, counterInc } from '../../_lib/totals';
import { drawInTransaction, drawWindowOpen, ensureDayReleased } from '../../_lib/pool';
import { afterPaid } from '../../_lib/afterPaid';

const OK = { errcode: 0, errmsg: '' };

type Outcome = { kind: 'paid' | 'already'; order: OrderDoc } | { kind: 'missing' } | { kind: 'mismatch' };

export async function main(event: Record<string, unknown> = {}): Promise<unknown> {
  const ctx = callerContext();
  if (ctx.source !== 'wx_paycallback') return fail(ErrorCode.FORBIDDEN_SOURCE, 'only WeChat Pay may call this function');
  const parsed = payCallbackInput.safeParse(stripPlatformKeys(event));
  if (!parsed.success) return { errcode: 1, errmsg: ErrorCode.INVALID_INPUT };
  const n = parsed.data;
  if (n.returnCode !== 'SUCCESS' || (n.resultCode && n.resultCode !== 'SUCCESS')) return OK; // a failed payment changes nothing

  const nowMs = now();
  const paidAtMs = (n.timeEnd && parseWxPayTime(n.timeEnd)) || nowMs;
  const settings = await loadSettings();
  if (drawWindowOpen(settings, paidAtMs, nowMs)) await ensureDayReleased(settings, beijingDate(paidAtMs), nowMs);
  faultPoint('callback:beforeTx');

  const outcome: Outcome = await db().runTransaction(async (tx) => {
    const orderRef = tx.collection(C.orders).doc(n.outTradeNo);
    const order = (await orderRef.get()).data as OrderDoc | null;
    if (!order) return { kind: 'missing' };
    if (order.status === 'paid' || order.status === 'refunding' || order.status === 'refunded') return { kind: 'already', order };
    if (order.payFen !== n.totalFee) return { kind: 'mismatch' };
    faultPoint('callback:afterRead');
    // Paid although we had closed it (WeChat's close raced the payment): the donor's money counts, but
    // the coupon went back to its owner at close and may back another order by now — so none here.
    const couponFen = order.status === 'closed' ? 0 : order.couponFen;
    const couponId = order.status === 'closed' ? null : order.couponId;

    const { outcome: match, shardId: matchShard } = await drawInTransaction(tx, {
      settings,
      openid: order.openid,
      projectId: order.projectId,
      donationFen: order.payFen,
      paidAtMs,
      nowMs,
      kind: 'donation',
      key: order._id,
    });
    faultPoint('callback:afterDraw');

    await orderRef.update({
      data: {
        status: 'paid',
        couponFen,
        couponId,
        paidAt: paidAtMs,
        transactionId: n.transactionId ?? null,
        match,
        matchShard,
      },
    });
    await tx.collection(C.journal).add({
      data: paidOrderEntry({ order: { ...order, couponFen, couponId }, matchFen: match.amountFen, atMs: paidAtMs, day: beijingDate(paidAtMs) }),
    });
    if (couponId) await tx.collection(C.coupons).doc(couponId).update({ data: { status: 'used' } });
    faultPoint('callback:beforeCounter');
    await tx
      .collection(C.projectCounters)
      .doc(counterId(order.projectId, order._id))
      .update({ data: counterInc({ public: order.payFen, coupon: couponFen, match: match.amountFen, donations: 1 }) });
    faultPoint('callback:beforeCommit');
    return { kind: 'paid', order: { ...order, couponFen, couponId, status: 'paid', paidAt: paidAtMs } };
  });
  faultPoint('callback:afterCommit');

  if (outcome.kind === 'missing') return { errcode: 1, errmsg: ErrorCode.ORDER_NOT_FOUND }; // WeChat retries; staff alerted
  if (outcome.kind === 'mismatch') {
    await db().collection(C.orders).doc(n.outTradeNo).update({ data: { anomaly: { totalFee: n.totalFee, at: nowMs } } });
    return OK; // money and order disagree: flagged for staff, retrying would not fix it
  }
  // Steps after the payment (flowers, assist hand-off) are idempotent and re-run on every retry.
  await afterPaid(outcome.order, nowMs);
  return OK;
}
