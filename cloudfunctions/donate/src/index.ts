/**
 * `donate`: create an order (amount decided and checked here, paid through CloudPay), report its
 * status with the match outcome, and list my donations. Payment is confirmed only by `payCallback`.
 */
import { donateInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import type { DonateCreateResult, DonateMineResult, DonateStatusResult } from '../../../domain/api';
import { newOrderId, certificateNo } from '../../../domain/ids';
import { beijingDate } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import { loadCatalog, loadSettings, requireFundraisingProject, requireSessionOpen } from '../../_lib/campaign';
import { db } from '../../_lib/cloud';
import { cryptoRng } from '../../_lib/clock';
import { C, type OrderDoc } from '../../_lib/collections';
import { isTextSafe } from '../../_lib/security';
import { unifiedOrder } from '../../_lib/pay';
import { closeIfExpired } from '../../_lib/orders';
import { reserveCoupon } from '../../_lib/coupons';
import { syncDonationFlowers } from '../../_lib/flowers';
import { faultPoint } from '../../_lib/fault';

export const main = defineFunction({
  name: 'donate',
  schema: donateInput,
  actions: {
    async create(input, ctx): Promise<DonateCreateResult> {
      const settings = await loadSettings();
      requireSessionOpen(settings, ctx.nowMs);
      const project = await requireFundraisingProject(input.projectId);
      if (input.amountFen < settings.minDonationFen) throw new DomainError(ErrorCode.AMOUNT_TOO_SMALL, `至少捐 ${settings.minDonationFen / 100} 元`);
      if (input.amountFen > settings.maxDonationFen) throw new DomainError(ErrorCode.AMOUNT_TOO_LARGE, '单笔金额超过上限');
      const message = (input.message ?? '').trim();
      if (message && !(await isTextSafe(ctx.openid, message))) throw new DomainError(ErrorCode.CONTENT_REJECTED, '留言包含敏感内容');

      const orderId = newOrderId(ctx.nowMs, cryptoRng);
      const couponFen = input.couponId
        ? await reserveCoupon({ couponId: input.couponId, openid: ctx.openid, projectId: project._id, orderId, nowMs: ctx.nowMs, amountFen: input.amountFen })
        : 0;
      faultPoint('create:afterCoupon'); // crash tests: a reserved coupon without its order is recovered later
      const payFen = input.amountFen; // a coupon adds the enterprise's money on top; the donor pays their own amount
      const order: OrderDoc = {
        _id: orderId,
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
      const payment = await unifiedOrder({ orderId, body: `乡村振兴·重庆专场-${project.title}`, totalFee: payFen, clientIp: ctx.clientIp });
      return { orderId, payment, payFen };
    },

    async status(input, ctx): Promise<DonateStatusResult> {
      const { data } = await db().collection(C.orders).doc(input.orderId).get();
      const order = data as OrderDoc | null;
      if (!order || order.openid !== ctx.openid) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, '订单不存在');
      const status = await closeIfExpired(order, ctx.nowMs);
      const account = status === 'paid' ? await syncDonationFlowers(await loadSettings(), ctx.openid, ctx.nowMs) : null;
      return {
        orderId: order._id,
        status,
        projectId: order.projectId,
        amountFen: order.amountFen,
        match: status === 'paid' || status === 'refunded' ? order.match ?? { amountFen: 0, reason: 'pending' } : null,
        flowersEarned: Number(account?.keys?.[order._id] ?? 0),
      };
    },

    async mine(_input, ctx): Promise<DonateMineResult> {
      const [catalog, res] = await Promise.all([
        loadCatalog(),
        db().collection(C.orders).where({ openid: ctx.openid }).orderBy('createdAt', 'desc').limit(100).get(),
      ]);
      const orders = res.data as OrderDoc[];
      const paid = orders.filter((o) => o.status === 'paid');
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
          certificateNo: o.status === 'paid' ? certificateNo(o._id) : null,
        })),
        totals: {
          donatedFen: paid.reduce((s, o) => s + o.amountFen, 0),
          matchedFen: paid.reduce((s, o) => s + (o.match?.amountFen ?? 0), 0),
          count: paid.length,
          projects: new Set(paid.map((o) => o.projectId)).size,
        },
      };
    },
  },
});
