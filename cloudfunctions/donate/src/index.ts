/**
 * `donate`: create an order (amount decided and checked here, paid through CloudPay), report its
 * status with the match outcome, cancel it when the donor closes the pay sheet, and list my donations
 * (a page at a time, with totals over all of them). Payment is confirmed only by `payCallback`.
 */
import { donateInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import type {
  DonateCancelResult,
  DonateCreateResult,
  DonateMineResult,
  DonateProofResult,
  DonateStatusResult,
} from '../../../domain/api';
import { newOrderId, certificateNo } from '../../../domain/ids';
import { beijingDate } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import {
  campaignOfDoc,
  inCampaign,
  loadCatalog,
  loadSettings,
  requireFundraisingProject,
  requireSessionOpen,
} from '../../_lib/campaign';
import { db } from '../../_lib/cloud';
import { cryptoRng } from '../../_lib/clock';
import { C, type OrderDoc } from '../../_lib/collections';
import { isTextSafe } from '../../_lib/security';
import { closeWxOrder, unifiedOrder } from '../../_lib/pay';
import { closeIfExpired } from '../../_lib/orders';
import { releaseCoupon, reserveCoupon } from '../../_lib/coupons';
import { syncDonationFlowers, syncDonations } from '../../_lib/donorTotals';
import { faultPoint } from '../../_lib/fault';
import { noteOpenOrder } from '../../_lib/matchUsers';
import { proofFor } from '../../_lib/seal';

const MINE_PAGE = 20;

function parseCursor(cursor: string): { createdAt: number; orderId: string } {
  const [createdAt, orderId] = cursor.split('.');
  return { createdAt: Number(createdAt), orderId };
}

export const main = defineFunction({
  name: 'donate',
  schema: donateInput,
  actions: {
    /** In the project's campaign (the handler scopes it: the project decides, not a client's campaignId). */
    async create(input, ctx): Promise<DonateCreateResult> {
      const settings = await loadSettings();
      requireSessionOpen(settings, ctx.nowMs);
      const project = await requireFundraisingProject(input.projectId);
      if (input.amountFen < settings.minDonationFen)
        throw new DomainError(ErrorCode.AMOUNT_TOO_SMALL, `至少捐 ${settings.minDonationFen / 100} 元`);
      if (input.amountFen > settings.maxDonationFen)
        throw new DomainError(ErrorCode.AMOUNT_TOO_LARGE, '单笔金额超过上限');
      const message = (input.message ?? '').trim();
      if (message && !(await isTextSafe(ctx.openid, message)))
        throw new DomainError(ErrorCode.CONTENT_REJECTED, '留言包含敏感内容');

      const orderId = newOrderId(ctx.nowMs, cryptoRng, settings.id);
      const couponFen = input.couponId
        ? await reserveCoupon({
            couponId: input.couponId,
            openid: ctx.openid,
            projectId: project._id,
            orderId,
            nowMs: ctx.nowMs,
            amountFen: input.amountFen,
          })
        : 0;
      faultPoint('create:afterCoupon'); // crash tests: a reserved coupon without its order is recovered later
      const payFen = input.amountFen; // a coupon adds the enterprise's money on top; the donor pays their own amount
      const order: OrderDoc = {
        _id: orderId,
        campaignId: settings.id,
        openid: ctx.openid,
        projectId: project._id,
        amountFen: input.amountFen,
        payFen,
        couponFen,
        couponId: input.couponId ?? null,
        message,
        anonymous: input.anonymous ?? false,
        shareId: input.shareId ?? null,
        status: 'pending',
        createdAt: ctx.nowMs,
        expiresAt: ctx.nowMs + settings.orderTimeoutMinutes * 60_000,
        day: beijingDate(ctx.nowMs),
        paidAt: null,
        transactionId: null,
        match: null,
        flowersEarned: 0,
        extraDraws: 0,
      };
      await db().collection(C.orders).add({ data: order });
      // Before WeChat can take the money: the rate limit must know every order that may be paid.
      await noteOpenOrder(settings.id, ctx.openid, orderId, ctx.nowMs);
      const payment = await unifiedOrder({
        orderId,
        body: `${settings.orderBodyPrefix}${project.title}`,
        totalFee: payFen,
        clientIp: ctx.clientIp,
      });
      return { orderId, payment, payFen };
    },

    async status(input, ctx): Promise<DonateStatusResult> {
      // One order read (never a scan of the user's orders); flowers come from the donor's running totals.
      const { data } = await db().collection(C.orders).doc(input.orderId).get();
      const order = data as OrderDoc | null;
      if (!order || order.openid !== ctx.openid) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, '订单不存在');
      const status = await closeIfExpired(order, ctx.nowMs);
      const account =
        status === 'paid'
          ? await inCampaign(await campaignOfDoc(order), async () =>
              syncDonationFlowers(await loadSettings(), ctx.openid, ctx.nowMs),
            )
          : null;
      return {
        orderId: order._id,
        status,
        projectId: order.projectId,
        amountFen: order.amountFen,
        match: status === 'paid' || status === 'refunded' ? (order.match ?? { amountFen: 0, reason: 'pending' }) : null,
        flowersEarned: Number(account?.keys?.[order._id] ?? 0),
      };
    },

    /** The donation's inclusion proof in the sealed books (null until sealed); the order's owner only. */
    async proof(input, ctx): Promise<DonateProofResult> {
      const order = (await db().collection(C.orders).doc(input.orderId).get()).data as OrderDoc | null;
      if (!order || order.openid !== ctx.openid) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, '订单不存在');
      const entryId = `order_${order._id}`;
      return { orderId: order._id, entryId, proof: await proofFor(entryId) };
    },

    async cancel(input, ctx): Promise<DonateCancelResult> {
      const order = (await db().collection(C.orders).doc(input.orderId).get()).data as OrderDoc | null;
      if (!order || order.openid !== ctx.openid) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, '订单不存在');
      if (order.status !== 'pending') return { orderId: order._id, status: order.status };
      // WeChat's side first: only once WeChat says closed can no payment arrive. Paid (its callback is on
      // the way) or no answer: the order stays pending and keeps its coupon until it is settled or expires.
      if ((await closeWxOrder(order._id)) !== 'closed') return { orderId: order._id, status: 'pending' };
      const res = await db()
        .collection(C.orders)
        .where({ _id: order._id, status: 'pending' })
        .update({ data: { status: 'closed', closedAt: ctx.nowMs, cancelledAt: ctx.nowMs } });
      // A crash before the release is healed by the next reservation of the coupon (its order is closed).
      if (res.stats.updated === 1 && order.couponId) await releaseCoupon(order.couponId, order._id);
      const now = (await db().collection(C.orders).doc(order._id).get()).data as OrderDoc;
      return { orderId: order._id, status: now.status };
    },

    /** The caller's donations in one campaign (`campaignId`, default: the default campaign). */
    async mine(input, ctx): Promise<DonateMineResult> {
      const _ = db().command;
      const limit = input.limit ?? MINE_PAGE;
      const mineIn = { campaignId: (await loadSettings()).id, openid: ctx.openid };
      // Newest first by (createdAt, _id); the cursor is the last item of the previous page.
      const after = input.cursor ? parseCursor(input.cursor) : null;
      const where = after
        ? _.and([
            mineIn,
            _.or([{ createdAt: _.lt(after.createdAt) }, { createdAt: after.createdAt, _id: _.lt(after.orderId) }]),
          ])
        : mineIn;
      const [catalog, res, synced] = await Promise.all([
        loadCatalog(),
        db()
          .collection(C.orders)
          .where(where)
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1)
          .get(),
        // Totals over every order, kept incrementally (never a scan of the history).
        loadSettings().then((settings) => syncDonations(settings, ctx.openid, ctx.nowMs)),
      ]);
      const orders = (res.data as OrderDoc[]).slice(0, limit);
      const last = orders[orders.length - 1];
      const { prefix } = (await loadSettings()).certificate; // cached: no extra read
      return {
        items: orders.map((o) => ({
          orderId: o._id,
          projectId: o.projectId,
          projectTitle: catalog.get(o.projectId)?.title ?? o.projectId,
          amountFen: o.amountFen,
          status: o.status,
          match: o.match,
          createdAt: new Date(o.createdAt).toISOString(),
          paidAt: o.paidAt ? new Date(o.paidAt).toISOString() : null,
          anonymous: o.anonymous,
          certificateNo: o.status === 'paid' ? certificateNo(o._id, prefix) : null,
        })),
        totals: synced.totals,
        nextCursor: res.data.length > limit && last ? `${last.createdAt}.${last._id}` : null,
      };
    },
  },
});
