/**
 * `admin`: federation staff operations and the timer. Callable by operators listed in `admins`
 * (openid from the cloud context) or by the timer trigger, which closes expired orders and settles
 * top-ups every five minutes.
 */
import { adminInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { callerContext, db } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { defineFunction, fail } from '../../_lib/handler';
import { C } from '../../_lib/collections';
import { closeExpiredOrders } from '../../_lib/orders';
import { settleTopups } from '../../_lib/topups';
import { runReconcile } from '../../_lib/reconcile';
import { requestRefund } from '../../_lib/refunds';

async function requireOperator(openid: string): Promise<void> {
  const { data } = await db().collection(C.admins).doc(openid).get();
  if (!data) throw new DomainError(ErrorCode.FORBIDDEN_SOURCE, '仅限慈善总会工作人员');
}

const actions = defineFunction({
  name: 'admin',
  schema: adminInput,
  actions: {
    async refund(input, ctx) {
      await requireOperator(ctx.openid);
      // Asks WeChat Pay; the books move when its refund notification arrives (refundCallback).
      return requestRefund({ orderId: input.orderId, reason: input.reason, operator: ctx.openid, nowMs: ctx.nowMs });
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
