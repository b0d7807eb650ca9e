/**
 * `coupons` (爱心券): the batches enterprises issued and my coupons; claiming one. A claim is a
 * transaction on the batch (never more than `count` claimed) with the coupon's unique per-user `_id`
 * (a second claim of the same batch is refused by the database).
 */
import { couponsInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { userKey } from '../../../domain/ids';
import { couponValidAt } from '../../../domain/coupons';
import { defineFunction } from '../../_lib/handler';
import { db, isDuplicateKey } from '../../_lib/cloud';
import { C, type CouponBatchDoc, type CouponDoc } from '../../_lib/collections';
import { runMoneyTx } from '../../_lib/moneyTx';

const couponIdOf = (batchId: string, openid: string) => `${batchId}_${userKey(openid)}`;

export const main = defineFunction({
  name: 'coupons',
  schema: couponsInput,
  actions: {
    async list(input, ctx) {
      const [batchesRes, mineRes] = await Promise.all([
        db().collection(C.couponBatches).limit(100).get(),
        db().collection(C.coupons).where({ openid: ctx.openid }).limit(100).get(),
      ]);
      const mine = new Map((mineRes.data as CouponDoc[]).map((c) => [c.batchId, c]));
      const batches = (batchesRes.data as CouponBatchDoc[]).filter((b) => !input.projectId || b.projectIds.includes(input.projectId));
      return {
        items: batches.map((b) => {
          const coupon = mine.get(b._id);
          return {
            batchId: b._id,
            issuer: b.issuer,
            title: b.title,
            valueFen: b.valueFen,
            left: b.count - b.claimed,
            projectIds: b.projectIds,
            validFrom: new Date(b.validFrom).toISOString(),
            validTo: new Date(b.validTo).toISOString(),
            valid: couponValidAt(b, ctx.nowMs),
            mine: coupon ? { couponId: coupon._id, status: coupon.status } : null,
          };
        }),
      };
    },

    async claim(input, ctx) {
      const couponId = couponIdOf(input.batchId, ctx.openid);
      const coupon = await runMoneyTx(async (tx) => {
          const batchRef = tx.collection(C.couponBatches).doc(input.batchId);
          const batch = (await batchRef.get()).data as CouponBatchDoc | null;
          if (!batch) throw new DomainError(ErrorCode.COUPON_NOT_FOUND, '爱心券不存在');
          if (!couponValidAt(batch, ctx.nowMs)) throw new DomainError(ErrorCode.COUPON_EXPIRED, '爱心券不在领取期内');
          const existing = (await tx.collection(C.coupons).doc(couponId).get()).data;
          if (existing) throw new DomainError(ErrorCode.COUPON_ALREADY_CLAIMED, '每批爱心券每人限领一张');
          if (batch.claimed >= batch.count) throw new DomainError(ErrorCode.COUPON_SOLD_OUT, '爱心券已领完');
          const _ = db().command;
          await batchRef.update({ data: { claimed: _.inc(1) } });
          const doc: CouponDoc = { _id: couponId, batchId: batch._id, openid: ctx.openid, valueFen: batch.valueFen, status: 'claimed', orderId: null, claimedAt: ctx.nowMs };
          await tx.collection(C.coupons).add({ data: doc });
          return doc;
        })
        .catch((err) => {
          if (isDuplicateKey(err)) throw new DomainError(ErrorCode.COUPON_ALREADY_CLAIMED, '每批爱心券每人限领一张');
          throw err;
        });
      return { couponId: coupon._id, batchId: coupon.batchId, valueFen: coupon.valueFen, status: coupon.status };
    },
  },
});
