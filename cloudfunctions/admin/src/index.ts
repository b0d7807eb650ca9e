/**
 * `admin`: federation staff operations and the timer. Callable by operators listed in `admins`
 * (openid from the cloud context) or by the timer trigger, which closes expired orders and settles
 * top-ups every five minutes.
 */
import { adminInput } from '../../../domain/schemas';
import type { AdminSettleTopupsResult, AdminTimerResult } from '../../../domain/api';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { callerContext, db } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { defineFunction, fail } from '../../_lib/handler';
import { C } from '../../_lib/collections';
import { closeExpiredOrders } from '../../_lib/orders';
import { settleTopups } from '../../_lib/topups';
import { runReconcile } from '../../_lib/reconcile';
import { requestRefund } from '../../_lib/refunds';
import { rootView, sealedDays, sealJournal } from '../../_lib/seal';
import { allCampaigns, campaignOfOrder, inCampaign } from '../../_lib/campaign';

async function requireOperator(openid: string): Promise<void> {
  const { data } = await db().collection(C.admins).doc(openid).get();
  if (!data) throw new DomainError(ErrorCode.FORBIDDEN_SOURCE, '仅限慈善总会工作人员');
}

/** Top-ups of every campaign, each in its own scope (its settings, catalog and counters); summed. */
async function settleAllTopups(nowMs: number): Promise<AdminSettleTopupsResult> {
  const sum = { projects: 0, settledFen: 0 };
  for (const c of await allCampaigns()) {
    const r = await inCampaign(c.id, () => settleTopups(nowMs));
    sum.projects += r.projects;
    sum.settledFen += r.settledFen;
  }
  return sum;
}

const actions = defineFunction({
  name: 'admin',
  schema: adminInput,
  actions: {
    async refund(input, ctx) {
      await requireOperator(ctx.openid);
      // Asks WeChat Pay; the books move when its refund notification arrives (refundCallback).
      const refund = { orderId: input.orderId, reason: input.reason, operator: ctx.openid, nowMs: ctx.nowMs };
      return inCampaign(await campaignOfOrder(input.orderId), () => requestRefund(refund));
    },
    async closeExpired(_input, ctx) {
      await requireOperator(ctx.openid);
      return { closed: await closeExpiredOrders(ctx.nowMs) };
    },
    async settleTopups(_input, ctx) {
      await requireOperator(ctx.openid);
      return settleAllTopups(ctx.nowMs);
    },
    async reconcile(_input, ctx) {
      await requireOperator(ctx.openid);
      return runReconcile();
    },
    async seal(input, ctx) {
      await requireOperator(ctx.openid);
      return sealJournal(ctx.nowMs, input.budgetMs);
    },
    /** Every sealed day root, for publication outside the app (docs/books.md). */
    async exportRoots(input, ctx) {
      await requireOperator(ctx.openid);
      const roots = (await sealedDays()).map(rootView);
      if (input.format !== 'csv') return { format: 'json', text: JSON.stringify(roots, null, 2), roots };
      const head = 'day,root,prevRoot,entries,batches,public,match,sponsor,coupon,topup';
      const rows = roots.map((r) =>
        [
          r.day,
          r.root,
          r.prevRoot,
          r.entries,
          r.batches,
          r.totals.public,
          r.totals.match,
          r.totals.sponsor,
          r.totals.coupon,
          r.totals.topup,
        ].join(','),
      );
      return { format: 'csv', text: [head, ...rows].join('\n') + '\n', roots };
    },
  },
});

export async function main(event: Record<string, unknown> = {}): Promise<unknown> {
  const ctx = callerContext();
  if (ctx.source === 'wx_trigger' || event?.Type === 'Timer') {
    if (ctx.source !== 'wx_trigger') return fail(ErrorCode.FORBIDDEN_SOURCE, 'timer events come from the trigger only');
    const nowMs = now();
    const chores: AdminTimerResult = {
      closed: await closeExpiredOrders(nowMs),
      topups: await settleAllTopups(nowMs),
      seal: await sealJournal(nowMs, 30_000),
    }; // the other chores share the 60 s
    return chores;
  }
  return actions(event);
}
