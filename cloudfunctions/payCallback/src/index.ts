/**
 * `payCallback`: WeChat Pay's result notification (CloudPay calls it; WeChat retries up to 15 times
 * over 24 h, sometimes twice a second apart). Only this function marks an order paid, and it does so in
 * ONE transaction with the match draw, the donor's match document, the ledger entry and the project
 * counter, so however often and in whatever order it is called — or wherever it crashes — the payment
 * takes effect exactly once.
 *
 * Under CloudBase's first-writer-wins transactions the only documents shared with other donors are one
 * pool shard and one project counter shard, both picked at random per attempt, so a conflict retries
 * on other shards. Before it, the order id's campaign tag names its campaign (settings, pool, counters). In it,
 * reads: order, user, shard (3, in one round trip). Writes: order, journal, user, shard, counter (5, in one
 * round trip, sent by the journal's `postEntry`; a coupon adds its own and its batch's; a counter shard's first
 * write adds its creation).
 */
import { payCallbackInput } from '../../../domain/schemas';
import { ErrorCode } from '../../../domain/errors';
import type { CallbackAck, Failure, MatchOutcome } from '../../../domain/api';
import { beijingDate, beijingMinute12, parseWxPayTime } from '../../../domain/time';
import { paidOrderEntry } from '../../../domain/ledger';
import { callerContext, db } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { faultPoint } from '../../_lib/fault';
import { fail, stripPlatformKeys } from '../../_lib/handler';
import { campaignOfOrder, inCampaign, loadSettings } from '../../_lib/campaign';
import type { PayNotice } from '../../../domain/api/contract';
import { C, type OrderDoc } from '../../_lib/collections';
import { postEntry } from '../../_lib/journal';
import { drawInTransaction, drawWindowOpen, ensureDayReleased, firstShardRead } from '../../_lib/pool';
import { readMatchUser, unnotifiedPaidMarks, userDay, writeMatchUser } from '../../_lib/matchUsers';
import { flagAnomaly, flagRateLimited, recordFunctionError } from '../../_lib/anomalies';
import { afterPaid } from '../../_lib/afterPaid';
import { runMoneyTx } from '../../_lib/moneyTx';

const OK: CallbackAck = { errcode: 0, errmsg: '' };

type Outcome =
  | { kind: 'paid'; order: OrderDoc; match: MatchOutcome }
  | { kind: 'already'; order: OrderDoc }
  | { kind: 'missing' }
  | { kind: 'mismatch' }
  | { kind: 'elsewhere'; campaignId: string };

export async function main(event: Record<string, unknown> = {}): Promise<CallbackAck | Failure> {
  const ctx = callerContext();
  if (ctx.source !== 'wx_paycallback')
    return fail(ErrorCode.FORBIDDEN_SOURCE, 'only WeChat Pay may call this function');
  const parsed = payCallbackInput.safeParse(stripPlatformKeys(event));
  if (!parsed.success) return { errcode: 1, errmsg: ErrorCode.INVALID_INPUT };
  const n = parsed.data;
  // a failed payment changes nothing
  if (n.returnCode !== 'SUCCESS' || (n.resultCode && n.resultCode !== 'SUCCESS')) return OK;
  // The order's campaign decides the pool, the caps and the counters (a missing order is answered below).
  try {
    return await inCampaign(await campaignOfOrder(n.outTradeNo), () => settle(n));
  } catch (err) {
    await recordFunctionError('payCallback', 'notify', err, now()); // bounded; never fails the answer
    throw err; // WeChat retries
  }
}

async function settle(n: PayNotice): Promise<CallbackAck | Failure> {
  const nowMs = now();
  const paidAtMs = (n.timeEnd && parseWxPayTime(n.timeEnd)) || nowMs;
  const day = beijingDate(paidAtMs);
  const settings = await loadSettings();
  if (drawWindowOpen(settings, paidAtMs, nowMs)) await ensureDayReleased(settings, day, nowMs);
  faultPoint('callback:beforeTx');

  const wxAnswers = new Map();
  const openTtlMs = 2 * settings.orderTimeoutMinutes * 60_000;
  const outcome: Outcome = await runMoneyTx(async (tx, attempt) => {
    const orderRef = tx.collection(C.orders).doc(n.outTradeNo);
    // The payer's document and the first pool shard are read beside the order (fewer round trips in
    // the transaction, a shorter window for conflicts); a payer who is not the owner is re-read below.
    const [orderRes, guess, firstShard] = await Promise.all([
      orderRef.get(),
      n.subOpenid ? readMatchUser(tx, settings.id, n.subOpenid) : null,
      firstShardRead(tx, { settings, paidAtMs, nowMs, key: n.outTradeNo, attempt }),
    ]);
    const order = orderRes.data as OrderDoc | null;
    if (!order) return { kind: 'missing' };
    // The id's tag guessed the campaign (see campaignOfOrder); the stored order decides.
    if (order.campaignId && order.campaignId !== settings.id)
      return { kind: 'elsewhere', campaignId: order.campaignId };
    if (order.status === 'paid' || order.status === 'refunding' || order.status === 'refunded')
      return { kind: 'already', order };
    if (order.payFen !== n.totalFee) return { kind: 'mismatch' };
    const userRec = guess && n.subOpenid === order.openid ? guess : await readMatchUser(tx, settings.id, order.openid);
    faultPoint('callback:afterRead');
    // Paid although we had closed it (WeChat's close raced the payment): the donor's money counts, but
    // the coupon went back to its owner at close and may back another order by now — so none here.
    const couponFen = order.status === 'closed' ? 0 : order.couponFen;
    const couponId = order.status === 'closed' ? null : order.couponId;

    // The per-minute limit counts the user's donations by paid time, notified or not yet.
    const mark = { at: paidAtMs, id: order._id };
    const pending = await unnotifiedPaidMarks(userRec.doc, mark, nowMs, openTtlMs, wxAnswers);
    const before = userDay(userRec.doc, day);
    const {
      outcome: match,
      shardId: matchShard,
      user,
      pacing,
    } = await drawInTransaction(tx, {
      settings,
      openid: order.openid,
      projectId: order.projectId,
      donationFen: order.payFen,
      paidAtMs,
      nowMs,
      kind: 'donation',
      key: order._id,
      attempt,
      user: { ...before, recent: [...before.recent, ...pending.marks] },
      firstShard,
    });
    faultPoint('callback:afterDraw');

    const firstEver = Object.keys(userRec.doc?.projects ?? {}).length === 0;
    const firstToProject = !userRec.doc?.projects?.[order.projectId];
    faultPoint('callback:beforeCounter');
    const alongside: Promise<unknown>[] = [
      orderRef.update({
        data: {
          status: 'paid',
          couponFen,
          couponId,
          paidAt: paidAtMs,
          transactionId: n.transactionId ?? null,
          match,
          matchShard,
        },
      }),
      writeMatchUser(tx, userRec, {
        day,
        matchedFen: user?.matchedFen,
        paid: { mark, projectId: order.projectId },
        dropOpen: pending.drop,
      }),
    ];
    if (couponId)
      alongside.push(
        tx
          .collection(C.coupons)
          .doc(couponId)
          .update({ data: { status: 'used' } }),
      );
    // One round trip: the entry, its balances (pool shard spend, counter shard, coupon batch), the pool
    // pacing and the order and user — the shared documents are claimed for the shortest time.
    await postEntry(
      tx,
      paidOrderEntry({
        order: { ...order, couponFen, couponId },
        matchFen: match.amountFen,
        matchShard,
        atMs: paidAtMs,
        day,
      }),
      {
        attempt,
        counter: { donations: 1, donors: firstToProject ? 1 : 0, firstDonors: firstEver ? 1 : 0 },
        minute: beijingMinute12(paidAtMs),
        with: pacing ? [pacing] : [],
        alongside,
      },
    );
    faultPoint('callback:beforeCommit');
    return { kind: 'paid', match, order: { ...order, couponFen, couponId, status: 'paid', paidAt: paidAtMs } };
  });
  faultPoint('callback:afterCommit');

  if (outcome.kind === 'elsewhere') return inCampaign(outcome.campaignId, () => settle(n));
  // WeChat retries; staff alerted
  if (outcome.kind === 'missing') return { errcode: 1, errmsg: ErrorCode.ORDER_NOT_FOUND };
  if (outcome.kind === 'mismatch') {
    await db()
      .collection(C.orders)
      .doc(n.outTradeNo)
      .update({ data: { anomaly: { totalFee: n.totalFee, at: nowMs } } });
    await flagAnomaly({ kind: 'amount_mismatch', orderId: n.outTradeNo, detail: { totalFee: n.totalFee }, at: nowMs });
    return OK; // money and order disagree: flagged for staff, retrying would not fix it
  }
  // WeChat says someone else paid this order: the money is in, so the order stands, but staff look.
  if (n.subOpenid && n.subOpenid !== outcome.order.openid) {
    await flagAnomaly({
      kind: 'payer_mismatch',
      orderId: outcome.order._id,
      detail: { subOpenid: n.subOpenid, owner: outcome.order.openid },
      at: nowMs,
    });
  }
  // Refused a match for machine speed: staff see the user (one row per user and day, repeats counted).
  if (outcome.kind === 'paid' && outcome.match.reason === 'rate_limited')
    await flagRateLimited(settings.id, outcome.order.openid, outcome.order._id, nowMs).catch(() => undefined);
  // Steps after the payment (flowers, assist hand-off) are idempotent and re-run on every retry.
  await afterPaid(outcome.order, nowMs);
  return OK;
}
