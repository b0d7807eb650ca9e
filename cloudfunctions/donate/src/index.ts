/**
 * `donate`: create an order (amount decided and checked here, paid through CloudPay; a repeat of the
 * same client requestId returns the same order), report its status with the match outcome, resume or
 * cancel an unpaid one, remove a closed one from 我的, and list my donations (a page at a time, with
 * totals over all of them). Payment is confirmed only by `payCallback`.
 */
import { donateInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import type {
  DonateCancelResult,
  DonateCreateResult,
  DonateMineResult,
  DonateProofResult,
  DonateRemoveResult,
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
import { db, insertOnce } from '../../_lib/cloud';
import { cryptoRng } from '../../_lib/clock';
import { C, type OrderDoc } from '../../_lib/collections';
import { isTextSafe } from '../../_lib/security';
import { unifiedOrder } from '../../_lib/pay';
import { cancelOrder, closeIfExpired, orderIdForRequest } from '../../_lib/orders';
import { reserveCoupon } from '../../_lib/coupons';
import { syncDonationFlowers, syncDonations } from '../../_lib/donorTotals';
import { faultPoint } from '../../_lib/fault';
import { noteOpenOrder } from '../../_lib/matchUsers';
import { proofFor } from '../../_lib/seal';
import { requireOpenTeam } from '../../_lib/teams';
import { resultExtras } from '../../_lib/donationResult';

const MINE_PAGE = 20;

type Settings = Awaited<ReturnType<typeof loadSettings>>;

async function readOrder(orderId: string): Promise<OrderDoc | null> {
  return ((await db().collection(C.orders).doc(orderId).get()).data as OrderDoc | null) ?? null;
}

/** The caller's own order, or ORDER_NOT_FOUND (another user's order is not found either). */
async function myOrder(orderId: string, openid: string): Promise<OrderDoc> {
  const order = await readOrder(orderId);
  if (!order || order.openid !== openid) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, '订单不存在');
  return order;
}

/**
 * WeChat Pay's parameters for a pending order, again: the same out_trade_no gets the same prepay. The
 * open-order note is repeated too (idempotent), for a concurrent repeat that raced the first call.
 */
async function paymentFor(
  order: OrderDoc,
  settings: Settings,
  ctx: { openid: string; nowMs: number; clientIp: string },
): Promise<DonateCreateResult> {
  if ((await closeIfExpired(order, ctx.nowMs)) !== 'pending')
    throw new DomainError(ErrorCode.ORDER_NOT_PAYABLE, order.status === 'paid' ? '该笔捐款已支付' : '订单已关闭');
  const title = (await loadCatalog()).get(order.projectId)?.title ?? order.projectId;
  await noteOpenOrder(settings.id, ctx.openid, order._id, order.createdAt);
  const payment = await unifiedOrder({
    orderId: order._id,
    body: `${settings.orderBodyPrefix}${title}`,
    totalFee: order.payFen,
    clientIp: ctx.clientIp,
  });
  return { orderId: order._id, payment, payFen: order.payFen };
}

/** A repeat of a request must be the same donation; then it answers with the order's payment again. */
function sameDonation(
  order: OrderDoc,
  input: { projectId: string; amountFen: number; couponId?: string; teamId?: string },
): void {
  if (
    order.projectId !== input.projectId ||
    order.amountFen !== input.amountFen ||
    order.couponId !== (input.couponId ?? null) ||
    (order.teamId ?? null) !== (input.teamId ?? null)
  )
    throw new DomainError(ErrorCode.REQUEST_ID_REUSED, '同一请求号对应另一笔捐款');
}

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
      // 一起捐: every other rule (match, caps, flowers, assist) is the same for a team donation.
      if (input.teamId) await requireOpenTeam(input.teamId, project, settings, ctx.nowMs);

      const orderId = input.requestId
        ? await orderIdForRequest(ctx.openid, input.requestId, ctx.nowMs, cryptoRng, settings.id)
        : newOrderId(ctx.nowMs, cryptoRng, settings.id);
      const earlier = input.requestId ? await readOrder(orderId) : null;
      if (earlier) {
        sameDonation(earlier, input);
        return paymentFor(earlier, settings, ctx);
      }
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
        ...(input.teamId ? { teamId: input.teamId } : {}),
        status: 'pending',
        createdAt: ctx.nowMs,
        expiresAt: ctx.nowMs + settings.orderTimeoutMinutes * 60_000,
        day: beijingDate(ctx.nowMs),
        paidAt: null,
        transactionId: null,
        match: null,
        flowersEarned: 0,
        extraDraws: 0,
        ...(input.requestId ? { requestId: input.requestId } : {}),
      };
      if (!(await insertOnce(C.orders, order))) {
        // A concurrent repeat of this request wrote the order first: answer with that one.
        const first = await myOrder(orderId, ctx.openid);
        sameDonation(first, input);
        return paymentFor(first, settings, ctx);
      }
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

    /** 继续支付: the same order's payment again, while it is still payable. */
    async resume(input, ctx): Promise<DonateCreateResult> {
      const order = await myOrder(input.orderId, ctx.openid);
      return paymentFor(order, await loadSettings(), ctx);
    },

    /** 删除: a closed order leaves 我的 (kept in the store, hidden); a pending one is cancelled first. */
    async remove(input, ctx): Promise<DonateRemoveResult> {
      const order = await myOrder(input.orderId, ctx.openid);
      const status = order.status === 'pending' ? await cancelOrder(order, ctx.nowMs) : order.status;
      if (status !== 'closed')
        throw new DomainError(
          ErrorCode.ORDER_NOT_REMOVABLE,
          status === 'pending' ? '订单正在支付确认中，请稍后再试' : '已支付的捐款不能删除',
        );
      if (!order.hiddenAt)
        await db()
          .collection(C.orders)
          .doc(order._id)
          .update({ data: { hiddenAt: ctx.nowMs } });
      return { orderId: order._id, removed: true };
    },

    async status(input, ctx): Promise<DonateStatusResult> {
      // One order read (never a scan of the user's orders); flowers come from the donor's running totals.
      const { data } = await db().collection(C.orders).doc(input.orderId).get();
      const order = data as OrderDoc | null;
      if (!order || order.openid !== ctx.openid) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, '订单不存在');
      const status = await closeIfExpired(order, ctx.nowMs);
      const [account, extras] = await inCampaign(await campaignOfDoc(order), () =>
        Promise.all([
          status === 'paid' ? loadSettings().then((s) => syncDonationFlowers(s, ctx.openid, ctx.nowMs)) : null,
          resultExtras({ ...order, status }, ctx.nowMs),
        ]),
      );
      return {
        orderId: order._id,
        status,
        projectId: order.projectId,
        amountFen: order.amountFen,
        match: status === 'paid' || status === 'refunded' ? (order.match ?? { amountFen: 0, reason: 'pending' }) : null,
        flowersEarned: Number(account?.keys?.[order._id] ?? 0),
        ...extras,
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
      const order = await myOrder(input.orderId, ctx.openid);
      return { orderId: order._id, status: await cancelOrder(order, ctx.nowMs) };
    },

    /** The caller's donations in one campaign (`campaignId`, default: the default campaign). */
    async mine(input, ctx): Promise<DonateMineResult> {
      const _ = db().command;
      const limit = input.limit ?? MINE_PAGE;
      const mineIn = { campaignId: (await loadSettings()).id, openid: ctx.openid, hiddenAt: _.exists(false) };
      // Newest first by (createdAt, _id); the cursor is the last item of the previous page. Removed (hidden)
      // orders are left out.
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
      // An unpaid order past its timeout shows as closed (已关闭) at once, not only after the next sweep.
      await Promise.all(
        orders.map(async (o) => {
          if (o.status === 'pending' && o.expiresAt <= ctx.nowMs) o.status = await closeIfExpired(o, ctx.nowMs);
        }),
      );
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
          message: o.message,
          expiresAt: new Date(o.expiresAt).toISOString(),
          cancelled: !!o.cancelledAt,
          certificateNo: o.status === 'paid' ? certificateNo(o._id, prefix) : null,
        })),
        totals: synced.totals,
        nextCursor: res.data.length > limit && last ? `${last.createdAt}.${last._id}` : null,
      };
    },
  },
});
