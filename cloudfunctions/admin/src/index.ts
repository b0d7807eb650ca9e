/**
 * `admin`: federation staff operations and the timer. Callable by operators listed in `admins`
 * (openid from the cloud context) or by the timer trigger, which closes expired orders and settles
 * top-ups every five minutes.
 */
import { adminInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { refundEntry, type JournalEntry } from '../../../domain/ledger';
import { shardOf } from '../../../domain/ids';
import { beijingDate } from '../../../domain/time';
import { callerContext, db } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { defineFunction, fail } from '../../_lib/handler';
import { loadSettings } from '../../_lib/campaign';
import { C, type OrderDoc } from '../../_lib/collections';
import { closeExpiredOrders } from '../../_lib/orders';
import { counterId, counterInc } from '../../_lib/totals';
import { settleTopups } from '../../_lib/topups';
import { runReconcile } from '../../_lib/reconcile';

async function requireOperator(openid: string): Promise<void> {
  const { data } = await db().collection(C.admins).doc(openid).get();
  if (!data) throw new DomainError(ErrorCode.FORBIDDEN_SOURCE, '仅限慈善总会工作人员');
}

/** Refund a paid order: reverse its money and forfeit its matches (main and assist extras) to the pool. */
async function refund(orderId: string, nowMs: number, reason?: string) {
  const settings = await loadSettings();
  return db().runTransaction(async (tx) => {
    const orderRef = tx.collection(C.orders).doc(orderId);
    const order = (await orderRef.get()).data as OrderDoc | null;
    if (!order) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, 'no such order');
    if (order.status !== 'paid') throw new DomainError(ErrorCode.ORDER_NOT_PAID, `order is ${order.status}`);
    const original = (await tx.collection(C.journal).doc(`order_${order._id}`).get()).data as JournalEntry;
    const matchFen = order.match?.amountFen ?? 0;
    const extraFen = order.extraMatchedFen ?? 0;
    const forfeit = matchFen + extraFen;
    // Each match goes back to the shard it was drawn from (extras may come from later days). The
    // users' caps stay consumed: a refund must not reset a cap for another round of matching.
    const returns = new Map<string, number>(Object.entries(order.extraByShard ?? {}));
    if (matchFen > 0) {
      const mainShard = order.matchShard ?? `${beijingDate(order.paidAt ?? order.createdAt)}_${shardOf(order.openid, settings.match.shards)}`;
      returns.set(mainShard, (returns.get(mainShard) ?? 0) + matchFen);
    }
    for (const [shardId, fen] of returns) {
      if (fen <= 0) continue;
      const shardRef = tx.collection(C.poolShards).doc(shardId);
      const shard = (await shardRef.get()).data as { spentFen: number } | null;
      if (!shard || shard.spentFen < fen) throw new DomainError(ErrorCode.CONFLICT, `pool shard ${shardId} cannot take back ${fen} fen; reconcile first`);
      await shardRef.update({ data: { spentFen: shard.spentFen - fen } });
    }
    const { _id, ...reversal } = refundEntry(original, extraFen, nowMs, beijingDate(nowMs));
    await tx.collection(C.journal).doc(_id).set({ data: reversal });
    await orderRef.update({ data: { status: 'refunded', refundedAt: nowMs, refundReason: reason ?? null } });
    await tx
      .collection(C.projectCounters)
      .doc(counterId(order.projectId, `refund_${order._id}`))
      .update({ data: counterInc({ public: -order.payFen, coupon: -order.couponFen, match: -forfeit, donations: -1 }) });
    return { orderId, refundedFen: order.payFen, forfeitedMatchFen: forfeit };
  });
}

const actions = defineFunction({
  name: 'admin',
  schema: adminInput,
  actions: {
    async refund(input, ctx) {
      await requireOperator(ctx.openid);
      return refund(input.orderId, ctx.nowMs, input.reason);
    },
    async closeExpired(_input, ctx) {
      await requireOperator(ctx.openid);
      return { closed: await closeExpiredOrders(ctx.nowMs) };
    },
    async settleTopups(_input, ctx) {
      await requireOperator(ctx.openid);
      return settleTopups(ctx.nowMs);
    },
    async reconcile(_input, ctx) {
      await requireOperator(ctx.openid);
      return runReconcile();
    },
  },
});

export async function main(event: Record<string, unknown> = {}): Promise<unknown> {
  const ctx = callerContext();
  if (ctx.source === 'wx_trigger' || event?.Type === 'Timer') {
    if (ctx.source !== 'wx_trigger') return fail(ErrorCode.FORBIDDEN_SOURCE, 'timer events come from the trigger only');
    const nowMs = now();
    return { closed: await closeExpiredOrders(nowMs), topups: await settleTopups(nowMs) };
  }
  return actions(event);
}
