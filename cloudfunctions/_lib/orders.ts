/** Order lifecycle helpers shared by `donate`, `admin` (timer) and `payCallback`. */
import type { OrderStatus, OrderDoc, OrderRequestDoc } from './collections';
import { C } from './collections';
import { db, insertOrGet } from './cloud';
import { newOrderId, userKey } from '../../domain/ids';
import type { Rng } from '../../domain/rng';
import { releaseCoupon } from './coupons';
import { closeWxOrder } from './pay';

/**
 * The order id of a client request: the first call for (user, requestId) picks a fresh id and records
 * it; every repeat, concurrent ones included, gets that same id (the losers of the insert read it).
 */
export async function orderIdForRequest(
  openid: string,
  requestId: string,
  nowMs: number,
  rng: Rng,
  campaignId: string,
): Promise<string> {
  const doc = await insertOrGet<OrderRequestDoc>(C.orderRequests, {
    _id: `${userKey(openid)}_${requestId}`,
    orderId: newOrderId(nowMs, rng, campaignId),
    createdAt: nowMs,
  });
  return doc.orderId;
}

/** Close an unpaid order past its timeout (guarded: a concurrent payment wins). */
export async function closeIfExpired(order: OrderDoc, nowMs: number): Promise<OrderStatus> {
  if (order.status !== 'pending' || order.expiresAt > nowMs) return order.status;
  // WeChat's side first: once it says closed no payment can arrive, so releasing the coupon is safe.
  // Paid (its callback is on the way) or no answer: stays pending; the next sweep or status call asks again.
  if ((await closeWxOrder(order._id)) !== 'closed') return 'pending';
  const res = await db()
    .collection(C.orders)
    .where({ _id: order._id, status: 'pending' })
    .update({ data: { status: 'closed', closedAt: nowMs } });
  if (res.stats.updated === 1) {
    if (order.couponId) await releaseCoupon(order.couponId, order._id);
    return 'closed';
  }
  const { data } = await db().collection(C.orders).doc(order._id).get();
  return (data as OrderDoc).status;
}

/**
 * The donor closes their unpaid order (pay sheet closed, page left, 取消 in 我的). WeChat's side first:
 * only once WeChat says closed can no payment arrive. Paid (its callback is on the way) or no answer:
 * the order stays pending and keeps its coupon until it is settled or expires. Returns the status now.
 */
export async function cancelOrder(order: OrderDoc, nowMs: number): Promise<OrderStatus> {
  if (order.status !== 'pending') return order.status;
  if ((await closeWxOrder(order._id)) !== 'closed') return 'pending';
  const res = await db()
    .collection(C.orders)
    .where({ _id: order._id, status: 'pending' })
    .update({ data: { status: 'closed', closedAt: nowMs, cancelledAt: nowMs } });
  // A crash before the release is healed by the next reservation of the coupon (its order is closed).
  if (res.stats.updated === 1 && order.couponId) await releaseCoupon(order.couponId, order._id);
  return ((await db().collection(C.orders).doc(order._id).get()).data as OrderDoc).status;
}

/**
 * Timer sweep: close every expired pending order. Pages by `_id` after the last one seen, so orders that
 * stay pending (paid, or WeChat did not answer) are not read again; one order's failure skips only it.
 */
export async function closeExpiredOrders(nowMs: number): Promise<number> {
  const _ = db().command;
  let closed = 0;
  let after = '';
  for (;;) {
    const { data } = await db()
      .collection(C.orders)
      .where({ status: 'pending', expiresAt: _.lte(nowMs), ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    for (const o of data as OrderDoc[]) {
      try {
        if ((await closeIfExpired(o, nowMs)) === 'closed') closed++;
      } catch (err) {
        console.warn(`closeExpiredOrders: ${o._id} left for the next sweep`, String((err as Error)?.message ?? err));
      }
    }
    if (data.length < 100) return closed;
    after = (data[data.length - 1] as OrderDoc)._id;
  }
}
