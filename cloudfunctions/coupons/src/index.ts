/**
 * `coupons` (爱心券): the batches enterprises issued and my coupons; claiming one. A claim takes a slot
 * of the batch by a guarded increment (never more than `count` claimed) and inserts the coupon under its
 * unique per-user `_id` (a second claim of the same batch is refused by the database).
 */
import { couponsInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { userKey } from '../../../domain/ids';
import { couponValidAt } from '../../../domain/coupons';
import { defineFunction } from '../../_lib/handler';
import { db, insertOnce } from '../../_lib/cloud';
import { loadCatalog, loadSettings } from '../../_lib/campaign';
import { C, type CouponBatchDoc, type CouponDoc } from '../../_lib/collections';

const couponIdOf = (batchId: string, openid: string) => `${batchId}_${userKey(openid)}`;

export const main = defineFunction({
  name: 'coupons',
  schema: couponsInput,
  actions: {
    async list(input, ctx) {
      const { id: campaignId } = await loadSettings();
      const [batchesRes, mineRes, catalog] = await Promise.all([
        db().collection(C.couponBatches).where({ campaignId }).limit(100).get(),
        db().collection(C.coupons).where({ openid: ctx.openid }).limit(100).get(),
        loadCatalog(),
      ]);
      const projectsOf = (ids: string[]) =>
        ids.flatMap((id) => {
          const p = catalog.get(id);
          return p && p.status === 'fundraising' ? [{ id, title: p.title }] : [];
        });
      const mine = new Map((mineRes.data as CouponDoc[]).map((c) => [c.batchId, c]));
      const batches = (batchesRes.data as CouponBatchDoc[]).filter(
        (b) => !input.projectId || b.projectIds.includes(input.projectId),
      );
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
            projects: projectsOf(b.projectIds),
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
      const alreadyClaimed = () => new DomainError(ErrorCode.COUPON_ALREADY_CLAIMED, '每批爱心券每人限领一张');
      const [{ id: campaignId }, { data }] = await Promise.all([
        loadSettings(),
        db().collection(C.couponBatches).doc(input.batchId).get(),
      ]);
      const batch = data as (CouponBatchDoc & { campaignId?: string }) | null;
      if (!batch || batch.campaignId !== campaignId) throw new DomainError(ErrorCode.COUPON_NOT_FOUND, '爱心券不存在');
      if (!couponValidAt(batch, ctx.nowMs)) throw new DomainError(ErrorCode.COUPON_EXPIRED, '爱心券不在领取期内');
      if ((await db().collection(C.coupons).doc(couponId).get()).data) throw alreadyClaimed();
      // The batch is one hot document: a guarded increment (atomic, no transaction to conflict and retry)
      // takes a slot only while `claimed < count`, so the batch is never over-issued.
      const _ = db().command;
      const slot = await db()
        .collection(C.couponBatches)
        .where({ _id: batch._id, claimed: _.lt(batch.count) })
        .update({ data: { claimed: _.inc(1) } });
      if (slot.stats.updated !== 1) throw new DomainError(ErrorCode.COUPON_SOLD_OUT, '爱心券已领完');
      const doc: CouponDoc = {
        _id: couponId,
        batchId: batch._id,
        openid: ctx.openid,
        valueFen: batch.valueFen,
        status: 'claimed',
        orderId: null,
        claimedAt: ctx.nowMs,
      };
      // The coupon's unique `_id` refuses a racing second claim, which hands its slot back. (A call dying
      // between the two leaves one slot taken and unissued: under-issue, never over-issue.)
      if (!(await insertOnce(C.coupons, doc))) {
        await db()
          .collection(C.couponBatches)
          .doc(batch._id)
          .update({ data: { claimed: _.inc(-1) } });
        throw alreadyClaimed();
      }
      return { couponId: doc._id, batchId: doc.batchId, valueFen: doc.valueFen, status: doc.status };
    },
  },
});
