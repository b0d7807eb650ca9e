/**
 * Refunds through WeChat Pay (CloudPay). A refund is asked for, then confirmed:
 * - `requestRefund` records `refunds/<out_refund_no>` and marks the order `refunding` (one transaction),
 *   then asks WeChat (`cloudPay.refund`, retried with the SAME out_refund_no, which WeChat de-duplicates).
 * - The ledger moves only when WeChat's refund notification says SUCCESS (`handleRefundNotice` →
 *   `confirmRefund`): ONE transaction posts the reversal entry (the donation's entry and its assist
 *   extras negated, plus the top-up the refunded money earned), from which the journal moves the pool
 *   shards, the coupon batch, the top-up and the counters back, and marks the order refunded, so a
 *   notification delivered any number of times reverses the order exactly once.
 * - A refusal or a failed refund (`failRefund`) changes no money: the order goes back to `paid`, the refund
 *   doc says why and an `anomalies` entry tells staff, who may ask again.
 * Accepting a call to WeChat and its notification can race (the notification may come first), so every
 * status change is guarded by the status it expects.
 */
import { DomainError, ErrorCode } from '../../domain/errors';
import type { AdminRefundResult } from '../../domain/api';
import { accountOf, refundEntry, type JournalEntry } from '../../domain/ledger';
import { poolShardId, randomToken, shardOf } from '../../domain/ids';
import { beijingDate } from '../../domain/time';
import { db, insertOnce, sdk } from './cloud';
import { cryptoRng } from './clock';
import { loadCatalog, loadSettings } from './campaign';
import { C, type AnomalyDoc, type OrderDoc, type RefundDoc } from './collections';
import { subMchId } from './pay';
import { postEntry } from './journal';
import { runMoneyTx } from './moneyTx';
import { topupToReverse } from './topups';

export const REFUND_CALLBACK_FUNCTION = 'refundCallback';

/** out_refund_no: 6–64 of [0-9A-Za-z_-|*@]; one per order (full refunds only), so retries reuse it. */
export const refundNoFor = (orderId: string) => `R${orderId}`;

/** A refund as staff see it: the contract's admin.refund result. */
export type RefundView = AdminRefundResult;

/** What WeChat's refund notification (or a queryRefund) tells us. */
export interface RefundNotice {
  outTradeNo: string;
  outRefundNo: string;
  refundStatus: string; // SUCCESS | CHANGE | REFUNDCLOSE | PROCESSING
  refundFee: number;
  refundId?: string;
}

type Answer =
  | { kind: 'accepted'; res: Record<string, any> }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unanswered'; message: string };

const CALL_ATTEMPTS = 3;
const KEEP_FAILURES = 10;

export const view = (r: RefundDoc): RefundView => ({
  orderId: r.orderId,
  outRefundNo: r._id,
  status: r.status,
  refundFen: r.refundFee,
  failure: r.failure,
});
export const getRefund = async (no: string) =>
  (await db().collection(C.refunds).doc(no).get()).data as RefundDoc | null;

/** admin.refund: validate, record, ask WeChat. A request whose calls all went unanswered may be sent again. */
export async function requestRefund(args: {
  orderId: string;
  reason?: string;
  operator: string;
  nowMs: number;
  /** Written in the transaction that records the request (the console's audit log). */
  audit?: (tx: Parameters<Parameters<ReturnType<typeof db>['runTransaction']>[0]>[0], before: unknown) => Promise<void>;
}): Promise<RefundView> {
  const no = refundNoFor(args.orderId);
  const started = await db().runTransaction(async (tx) => {
    const orderRef = tx.collection(C.orders).doc(args.orderId);
    const order = (await orderRef.get()).data as OrderDoc | null;
    if (!order) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, 'no such order');
    const refundRef = tx.collection(C.refunds).doc(no);
    const prev = (await refundRef.get()).data as RefundDoc | null;
    if (order.status === 'refunding') {
      if (prev?.status === 'processing') return { order, resend: false };
      if (prev?.status !== 'requested') throw new DomainError(ErrorCode.REFUND_IN_PROGRESS, '退款处理中');
      return { order, resend: true };
    }
    if (order.status !== 'paid') throw new DomainError(ErrorCode.ORDER_NOT_PAID, `order is ${order.status}`);
    const { _id, ...doc }: RefundDoc = {
      _id: no,
      orderId: order._id,
      projectId: order.projectId,
      openid: order.openid,
      totalFee: order.payFen,
      refundFee: order.payFen,
      status: 'requested',
      reason: args.reason ?? null,
      requestedBy: args.operator,
      requestedAt: args.nowMs,
      requests: (prev?.requests ?? 0) + 1,
      wx: null,
      failure: null,
      failures: [...(prev?.failures ?? []), ...(prev?.failure ? [prev.failure] : [])].slice(-KEEP_FAILURES),
    };
    await refundRef.set({ data: doc });
    await orderRef.update({ data: { status: 'refunding', refundNo: no } });
    await args.audit?.(tx, { orderStatus: order.status, refund: prev ? view(prev) : null });
    return { order, resend: true };
  });
  if (!started.resend) {
    // Accepted earlier but no notification applied yet: WeChat's state decides (lost notifications).
    await syncFromQuery(started.order, no, args.nowMs);
    const now = (await getRefund(no))!;
    if (now.status === 'processing')
      throw new DomainError(ErrorCode.REFUND_IN_PROGRESS, '退款处理中，等待微信支付结果');
    return view(now);
  }
  const answer = await askWeChat(started.order, no);
  if (answer.kind === 'accepted') {
    const wx = { resultCode: 'SUCCESS', refundId: answer.res.refundId, at: args.nowMs };
    await db().collection(C.refunds).doc(no).update({ data: { wx } });
    // Only from 'requested': the notification may already have settled it.
    await db()
      .collection(C.refunds)
      .where({ _id: no, status: 'requested' })
      .update({ data: { status: 'processing' } });
  } else if (answer.kind === 'refused') {
    await db()
      .collection(C.refunds)
      .doc(no)
      .update({
        data: { wx: { resultCode: 'FAIL', errCode: answer.code, errCodeDes: answer.message, at: args.nowMs } },
      });
    await failRefund(no, { code: answer.code, message: answer.message }, args.nowMs);
  } else {
    // Still 'requested': staff may send the same request again (WeChat de-duplicates the out_refund_no).
    await db()
      .collection(C.refunds)
      .doc(no)
      .update({ data: { wx: { errCode: 'UNANSWERED', errCodeDes: answer.message, at: args.nowMs } } });
  }
  return view((await getRefund(no))!);
}

async function askWeChat(order: OrderDoc, no: string): Promise<Answer> {
  let last = 'no answer';
  // Only calls that got no answer are repeated (WeChat de-duplicates the same out_refund_no).
  for (let attempt = 0; attempt < CALL_ATTEMPTS; attempt++) {
    try {
      const res = await sdk().cloudPay.refund!({
        subMchId: subMchId(),
        nonceStr: randomToken(cryptoRng, 16),
        outTradeNo: order._id,
        outRefundNo: no,
        totalFee: order.payFen,
        refundFee: order.payFen,
        envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? 'local',
        functionName: REFUND_CALLBACK_FUNCTION,
      });
      if (res?.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS') return { kind: 'accepted', res };
      // WeChat answered no. The SDK overwrites WeChat's err_code with its own errCode 0, so only the
      // description survives; staff read it and may ask again (the same out_refund_no).
      if (res?.returnCode === 'SUCCESS' && res.resultCode === 'FAIL') {
        const code = typeof res.errCode === 'string' && res.errCode ? res.errCode : 'FAIL';
        return { kind: 'refused', code, message: String(res.errCodeDes ?? code) };
      }
      last = JSON.stringify({ returnMsg: res?.returnMsg, errCode: res?.errCode });
    } catch (err) {
      last = (err as Error).message;
    }
  }
  return { kind: 'unanswered', message: last };
}

/** Ask WeChat for the refund's state and apply a final one (SUCCESS → confirm, CHANGE/REFUNDCLOSE → fail). */
async function syncFromQuery(order: OrderDoc, no: string, nowMs: number): Promise<string | null> {
  const res = await sdk().cloudPay.queryRefund!({
    subMchId: subMchId(),
    nonceStr: randomToken(cryptoRng, 16),
    outRefundNo: no,
  });
  if (res?.returnCode !== 'SUCCESS' || res.resultCode !== 'SUCCESS') return null;
  // queryRefund answers WeChat's indexed fields (refund_status_0 → refundStatus_0 after the SDK's camel-casing).
  const status = String(res.refundStatus_0 ?? res.refundStatus ?? '');
  const notice = {
    outTradeNo: order._id,
    outRefundNo: no,
    refundStatus: status,
    refundFee: Number(res.refundFee_0 ?? res.refundFee),
    refundId: res.refundId_0,
  };
  if (status === 'SUCCESS') await confirmRefund(notice, nowMs);
  else if (status === 'CHANGE' || status === 'REFUNDCLOSE')
    await failRefund(no, { code: status, message: `微信支付退款${status === 'CHANGE' ? '异常' : '关闭'}` }, nowMs);
  return status;
}

export type NoticeOutcome = 'refunded' | 'already' | 'failed' | 'ignored' | 'missing' | 'mismatch';

/**
 * The refund notification. SUCCESS is trusted (CloudPay delivers WeChat's decrypted notice). A failure
 * status is checked with queryRefund first: after a staff retry reuses the out_refund_no, a late duplicate
 * of the OLD failure must not fail the new attempt.
 */
export async function handleRefundNotice(n: RefundNotice, nowMs: number): Promise<NoticeOutcome> {
  const refund = await getRefund(n.outRefundNo);
  if (!refund) {
    // Not asked for by this app (e.g. made in the merchant platform): the books cannot follow by themselves.
    await flag(
      'refund_mismatch',
      n.outTradeNo,
      `${n.outRefundNo}_unknown`,
      { notice: n, why: 'unknown out_refund_no' },
      nowMs,
    );
    return 'missing';
  }
  if (n.refundStatus === 'SUCCESS') return confirmRefund(n, nowMs);
  if (refund.status === 'succeeded' || refund.status === 'failed') return 'already';
  const order = (await db().collection(C.orders).doc(refund.orderId).get()).data as OrderDoc;
  const status = await syncFromQuery(order, n.outRefundNo, nowMs);
  if (status === null) throw new Error('queryRefund unanswered'); // WeChat retries the notification
  return status === 'CHANGE' || status === 'REFUNDCLOSE' ? 'failed' : status === 'SUCCESS' ? 'refunded' : 'ignored';
}

/** SUCCESS: reverse the order in one transaction (idempotent: a second call finds it refunded). */
export async function confirmRefund(n: RefundNotice, nowMs: number): Promise<NoticeOutcome> {
  const [settings, catalog] = await Promise.all([loadSettings(), loadCatalog()]);
  const day = beijingDate(nowMs);
  const outcome = await runMoneyTx(async (tx, attempt): Promise<NoticeOutcome> => {
    const refundRef = tx.collection(C.refunds).doc(n.outRefundNo);
    const refund = (await refundRef.get()).data as RefundDoc | null;
    if (!refund) return 'missing';
    if (refund.status === 'succeeded') return 'already';
    if (refund.orderId !== n.outTradeNo || refund.refundFee !== n.refundFee) return 'mismatch';
    const orderRef = tx.collection(C.orders).doc(refund.orderId);
    const order = (await orderRef.get()).data as OrderDoc;
    if (order.status === 'refunded') return 'already';
    // 'paid' too: WeChat says the money went back even if we had recorded the request as failed.
    if (order.status !== 'refunding' && order.status !== 'paid') return 'mismatch';
    // The donation's entry and every assist extra credited to it: the refund reverses them all.
    const entryOf = async (id: string) =>
      ((await tx.collection(C.journal).doc(id).get()).data as JournalEntry | null) ?? null;
    const [original, ...extras] = await Promise.all([
      entryOf(`order_${order._id}`),
      ...Object.keys(order.extraDrawBy ?? {}).map((assistId) => entryOf(`assist_${assistId}`)),
    ]);
    if (!original) throw new Error(`order ${order._id} has no journal entry`);
    const topup = catalog.get(order.projectId)?.partner
      ? await topupToReverse(tx, {
          projectId: order.projectId,
          ratioBp: settings.topup.ratioBp,
          refundedPublicFen: order.payFen,
          nowMs,
        })
      : null;
    // Entries from before accounts named their pool shard go back where the order recorded them.
    const matchShard =
      order.matchShard ??
      ((order.match?.amountFen ?? 0) > 0
        ? poolShardId(
            settings.id,
            beijingDate(order.paidAt ?? order.createdAt),
            shardOf(order.openid, settings.match.shards),
          )
        : null);
    const reversal = refundEntry({
      original,
      extras: extras.filter((x): x is JournalEntry => !!x),
      topupFen: topup?.backFen ?? 0,
      atMs: nowMs,
      day,
      legacy: { matchShard, extraByShard: order.extraByShard ?? {} },
    });
    // Each match goes back to the shard (and day) it came from; the users' caps stay consumed (a refund
    // must not reset a cap for another round of matching). A shard that cannot take it back stops it.
    for (const p of reversal.postings) {
      const a = accountOf(p.account);
      if (a.kind !== 'pool' || p.amountFen <= 0) continue;
      const shard = (await tx.collection(C.poolShards).doc(a.shardId!).get()).data as { spentFen: number } | null;
      if (!shard || shard.spentFen < p.amountFen)
        throw new DomainError(
          ErrorCode.CONFLICT,
          `pool shard ${a.shardId} cannot take back ${p.amountFen} fen; reconcile first`,
        );
    }
    // Insert-only: the reversal is a new entry naming the ones it reverses; the journal moves every balance back.
    await postEntry(tx, reversal, {
      attempt,
      counter: { donations: -1 },
      with: topup ? [topup.write] : [],
      alongside: [
        orderRef.update({ data: { status: 'refunded', refundedAt: nowMs, refundReason: refund.reason } }),
        refundRef.update({
          data: {
            status: 'succeeded',
            succeededAt: nowMs,
            refundId: n.refundId ?? null,
            failure: null,
            topupReversedFen: topup?.backFen ?? 0,
          },
        }),
      ],
    });
    return 'refunded';
  });
  if (outcome === 'mismatch')
    await flag('refund_mismatch', n.outTradeNo, `${n.outRefundNo}_${n.refundFee}`, { notice: n }, nowMs);
  return outcome;
}

/** Refused or not refunded: no money moves; the order is paid again and staff see why. */
export async function failRefund(
  no: string,
  failure: { code: string; message: string },
  nowMs: number,
): Promise<boolean> {
  const failed = await db().runTransaction(async (tx) => {
    const refundRef = tx.collection(C.refunds).doc(no);
    const refund = (await refundRef.get()).data as RefundDoc | null;
    if (!refund || refund.status === 'succeeded' || refund.status === 'failed') return null;
    const orderRef = tx.collection(C.orders).doc(refund.orderId);
    const order = (await orderRef.get()).data as OrderDoc;
    if (order.status === 'refunding' && order.refundNo === no) await orderRef.update({ data: { status: 'paid' } });
    await refundRef.update({ data: { status: 'failed', failure: { ...failure, at: nowMs } } });
    // In the same transaction: staff see the failure exactly when the order is payable again.
    const anomaly: AnomalyDoc = {
      _id: `refund_failed_${no}_${refund.requests}`,
      kind: 'refund_failed',
      orderId: refund.orderId,
      detail: { outRefundNo: no, ...failure, reason: refund.reason },
      at: nowMs,
    };
    await tx.collection(C.anomalies).add({ data: anomaly });
    return true;
  });
  return !!failed;
}

async function flag(
  kind: AnomalyDoc['kind'],
  orderId: string,
  key: string,
  detail: Record<string, unknown>,
  nowMs: number,
): Promise<void> {
  await insertOnce<AnomalyDoc>(C.anomalies, { _id: `${kind}_${key}`, kind, orderId, detail, at: nowMs });
}
