/**
 * Love coupons (爱心券): an enterprise's money added on top of a donation to an eligible project.
 * A coupon moves claimed → reserved (order created) → used (order paid) or back to claimed (order closed);
 * every move is one guarded update, so a coupon can never back two payments.
 */
import { DomainError, ErrorCode } from '../../domain/errors';
import { couponValidAt } from '../../domain/coupons';
import { db } from './cloud';
import { C, type CouponBatchDoc, type CouponDoc, type OrderDoc } from './collections';
import { closeIfExpired } from './orders';

/**
 * Longer than any function run (CloudBase timeout ≤ 60 s): a reservation this old whose order does not
 * exist belongs to a call that died between reserving and writing its order.
 */
export const ORPHAN_RESERVATION_MS = 2 * 60_000;

/**
 * A reserved coupon whose reservation is dead goes back to claimed: its order expired unpaid (closed
 * here, as the status query would), was closed by a call that died before releasing the coupon, or was
 * never written. Returns the coupon as it is now.
 */
async function recoverReservation(coupon: CouponDoc, nowMs: number): Promise<CouponDoc> {
  if (coupon.status !== 'reserved' || !coupon.orderId) return coupon;
  const order = (await db().collection(C.orders).doc(coupon.orderId).get()).data as OrderDoc | null;
  if (order?.status === 'pending') {
    if ((await closeIfExpired(order, nowMs)) !== 'closed') return coupon; // still payable: stays reserved
  } else if (order?.status === 'closed' || (!order && nowMs - (coupon.reservedAt ?? 0) > ORPHAN_RESERVATION_MS)) {
    await releaseCoupon(coupon._id, coupon.orderId);
  } else {
    return coupon;
  }
  return ((await db().collection(C.coupons).doc(coupon._id).get()).data as CouponDoc | null) ?? coupon;
}

export async function reserveCoupon(args: {
  couponId: string;
  openid: string;
  projectId: string;
  orderId: string;
  nowMs: number;
  amountFen: number;
}): Promise<number> {
  const { data } = await db().collection(C.coupons).doc(args.couponId).get();
  let coupon = data as CouponDoc | null;
  if (!coupon || coupon.openid !== args.openid) throw new DomainError(ErrorCode.COUPON_NOT_FOUND, '爱心券不存在');
  coupon = await recoverReservation(coupon, args.nowMs);
  // A repeat of the same request (same order id) finds its own reservation: nothing more to do.
  if (coupon.status === 'reserved' && coupon.orderId === args.orderId) return coupon.valueFen;
  if (coupon.status === 'reserved') throw new DomainError(ErrorCode.COUPON_USED, '爱心券正用于一笔待支付的捐款');
  if (coupon.status !== 'claimed') throw new DomainError(ErrorCode.COUPON_USED, '爱心券已使用');
  const batch = (await db().collection(C.couponBatches).doc(coupon.batchId).get()).data as CouponBatchDoc | null;
  if (!batch) throw new DomainError(ErrorCode.COUPON_NOT_FOUND, '爱心券不存在');
  if (!batch.projectIds.includes(args.projectId))
    throw new DomainError(ErrorCode.COUPON_NOT_ELIGIBLE, '该项目不可使用此爱心券');
  if (!couponValidAt(batch, args.nowMs)) throw new DomainError(ErrorCode.COUPON_EXPIRED, '爱心券不在有效期内');
  const res = await db()
    .collection(C.coupons)
    .where({ _id: coupon._id, status: 'claimed' })
    .update({ data: { status: 'reserved', orderId: args.orderId, reservedAt: args.nowMs } });
  if (res.stats.updated !== 1) {
    // Lost the race: to a concurrent repeat of this same order (then it is ours), or to another order.
    const now = (await db().collection(C.coupons).doc(coupon._id).get()).data as CouponDoc | null;
    if (now?.status !== 'reserved' || now.orderId !== args.orderId)
      throw new DomainError(ErrorCode.COUPON_USED, '爱心券已使用');
  }
  return coupon.valueFen;
}

export async function releaseCoupon(couponId: string, orderId: string): Promise<void> {
  await db()
    .collection(C.coupons)
    .where({ _id: couponId, status: 'reserved', orderId })
    .update({ data: { status: 'claimed', orderId: null } });
}
