/**
 * Love coupons (爱心券): an enterprise's money added on top of a donation to an eligible project.
 * A coupon moves claimed → reserved (order created) → used (order paid) or back to claimed (order closed);
 * every move is one guarded update, so a coupon can never back two payments.
 */
import { DomainError, ErrorCode } from '../../domain/errors';
import { db } from './cloud';
import { C, type CouponBatchDoc, type CouponDoc } from './collections';

export async function reserveCoupon(args: {
  couponId: string;
  openid: string;
  projectId: string;
  orderId: string;
  nowMs: number;
  amountFen: number;
}): Promise<number> {
  const { data } = await db().collection(C.coupons).doc(args.couponId).get();
  const coupon = data as CouponDoc | null;
  if (!coupon || coupon.openid !== args.openid) throw new DomainError(ErrorCode.COUPON_NOT_FOUND, '爱心券不存在');
  if (coupon.status !== 'claimed') throw new DomainError(ErrorCode.COUPON_USED, '爱心券已使用');
  const batch = (await db().collection(C.couponBatches).doc(coupon.batchId).get()).data as CouponBatchDoc | null;
  if (!batch) throw new DomainError(ErrorCode.COUPON_NOT_FOUND, '爱心券不存在');
  if (!batch.projectIds.includes(args.projectId)) throw new DomainError(ErrorCode.COUPON_NOT_ELIGIBLE, '该项目不可使用此爱心券');
  if (args.nowMs < batch.validFrom || args.nowMs > batch.validTo) throw new DomainError(ErrorCode.COUPON_EXPIRED, '爱心券不在有效期内');
  const res = await db()
    .collection(C.coupons)
    .where({ _id: coupon._id, status: 'claimed' })
    .update({ data: { status: 'reserved', orderId: args.orderId } });
  if (res.stats.updated !== 1) throw new DomainError(ErrorCode.COUPON_USED, '爱心券已使用');
  return coupon.valueFen;
}

export async function releaseCoupon(couponId: string, orderId: string): Promise<void> {
  await db()
    .collection(C.coupons)
    .where({ _id: couponId, status: 'reserved', orderId })
    .update({ data: { status: 'claimed', orderId: null } });
}
