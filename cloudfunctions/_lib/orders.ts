/** Order lifecycle helpers shared by `donate`, `admin` (timer) and `payCallback`. */
import type { OrderStatus, OrderDoc } from './collections';
import { C } from './collections';
import { db } from './cloud';
import { releaseCoupon } from './coupons';
import { closeWxOrder } from './pay';

/** Close an unpaid order past its timeout (guarded: a concurrent payment wins). */
export async function closeIfExpired(order: OrderDoc, nowMs: number): Promise<OrderStatus> {
  if (order.status !== 'pending' || order.expiresAt > nowMs) return order.status;
  // WeChat's side first: once it is closed no payment can arrive, so releasing the coupon is safe.
  if ((await closeWxOrder(order._id)) === 'paid') return 'pending';
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

/** Timer sweep: close every expired pending order, a page at a time. */
export async function closeExpiredOrders(nowMs: number): Promise<number> {
  const _ = db().command;
  let closed = 0;
  for (;;) {
    const { data } = await db().collection(C.orders).where({ status: 'pending', expiresAt: _.lte(nowMs) }).limit(100).get();
    for (const o of data as OrderDoc[]) if ((await closeIfExpired(o, nowMs)) === 'closed') closed++;
    if (data.length < 100) return closed;
  }
}
