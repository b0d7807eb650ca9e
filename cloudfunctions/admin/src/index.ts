/**
 * `admin`: the federation's console and the timer. Every action checks the caller's role first
 * (`operators/<openid>`, openid from the cloud context; domain/roles.ts says who may do what), and every
 * change is written to the audit log. The timer trigger closes expired orders, settles top-ups and seals.
 */
import { adminInput } from '../../../domain/schemas';
import type { AdminSettleTopupsResult, AdminTimerResult } from '../../../domain/api';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { pruneMinuteFields } from '../../_lib/totals';
import { callerContext, db } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { defineFunction, fail } from '../../_lib/handler';
import { closeExpiredOrders } from '../../_lib/orders';
import { settleTopups } from '../../_lib/topups';
import { runReconcile } from '../../_lib/reconcile';
import { getRefund, refundNoFor, requestRefund, view as refundView } from '../../_lib/refunds';
import { rootView, sealedDays, sealJournal } from '../../_lib/seal';
import { audit, auditPage } from '../../_lib/audit';
import {
  inviteOperator,
  listOperators,
  operatorView,
  redeemInvite,
  requireRole,
  revokeOperator,
  type OperatorDoc,
} from '../../_lib/operators';
import {
  editProject,
  getDraft,
  importProjects,
  intakeTemplate,
  listProjects,
  postUpdate,
  reviewProject,
} from '../../_lib/intake';
import { allCampaigns, campaignOfOrder, inCampaign, loadSettings } from '../../_lib/campaign';
import { getCampaign, saveCampaign } from '../../_lib/campaignEdit';
import { exportLedger, exportReconcile, exportSettlement } from '../../_lib/settlement';
import { dashboard } from '../../_lib/dashboard';
import { anomalyPage } from '../../_lib/anomalies';
import { C, type OrderDoc } from '../../_lib/collections';

const actor = (op: OperatorDoc) => ({ openid: op._id, role: op.role });

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
      const op = await requireRole(ctx.openid, 'refund');
      // Asks WeChat Pay; the books move when its refund notification arrives (refundCallback).
      return inCampaign(await campaignOfOrder(input.orderId), () =>
        requestRefund({
          orderId: input.orderId,
          reason: input.reason,
          operator: ctx.openid,
          nowMs: ctx.nowMs,
          audit: (tx, before) =>
            audit(
              tx,
              actor(op),
              'refund',
              `order:${input.orderId}`,
              before,
              { reason: input.reason ?? null },
              ctx.nowMs,
            ),
        }),
      );
    },
    async refundStatus(input, ctx) {
      await requireRole(ctx.openid, 'refundStatus');
      const order = (await db().collection(C.orders).doc(input.orderId).get()).data as OrderDoc | null;
      if (!order) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, 'no such order');
      const refund = await getRefund(refundNoFor(order._id));
      return { orderId: order._id, status: order.status, refund: refund ? refundView(refund) : null };
    },
    async closeExpired(_input, ctx) {
      const op = await requireRole(ctx.openid, 'closeExpired');
      const closed = await closeExpiredOrders(ctx.nowMs);
      await audit(db(), actor(op), 'closeExpired', 'orders', null, { closed }, ctx.nowMs);
      return { closed };
    },
    async settleTopups(_input, ctx) {
      const op = await requireRole(ctx.openid, 'settleTopups');
      const result = await settleAllTopups(ctx.nowMs);
      await audit(db(), actor(op), 'settleTopups', 'topups', null, result, ctx.nowMs);
      return result;
    },
    async reconcile(_input, ctx) {
      await requireRole(ctx.openid, 'reconcile');
      return runReconcile();
    },
    async seal(input, ctx) {
      const op = await requireRole(ctx.openid, 'seal');
      const result = await sealJournal(ctx.nowMs, input.budgetMs);
      await audit(db(), actor(op), 'seal', 'journal', null, { entries: result.entries, days: result.days }, ctx.nowMs);
      return result;
    },
    /** Every sealed day root, for publication outside the app (docs/books.md). */
    async exportRoots(input, ctx) {
      await requireRole(ctx.openid, 'exportRoots');
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
    async inviteOperator(input, ctx) {
      const op = await requireRole(ctx.openid, 'inviteOperator');
      return inviteOperator(actor(op), input, ctx.nowMs);
    },
    async redeemInvite(input, ctx) {
      return { operator: await redeemInvite(ctx.openid, input.code, ctx.nowMs) };
    },
    async listOperators(_input, ctx) {
      await requireRole(ctx.openid, 'listOperators');
      return { operators: await listOperators() };
    },
    async revokeOperator(input, ctx) {
      const op = await requireRole(ctx.openid, 'revokeOperator');
      return { revoked: await revokeOperator(actor(op), input.operator, ctx.nowMs) };
    },
    async whoami(_input, ctx) {
      return { operator: operatorView(await requireRole(ctx.openid, 'whoami')) };
    },
    async getCampaign(input, ctx) {
      await requireRole(ctx.openid, 'getCampaign');
      return getCampaign(input.campaignId, ctx.nowMs);
    },
    async saveCampaign(input, ctx) {
      return saveCampaign(actor(await requireRole(ctx.openid, 'saveCampaign')), input, ctx.nowMs);
    },
    async auditLog(input, ctx) {
      await requireRole(ctx.openid, 'auditLog');
      return auditPage(input.limit, input.cursor);
    },
    async importProjects(input, ctx) {
      return importProjects(await requireRole(ctx.openid, 'importProjects'), input, ctx.nowMs);
    },
    async intakeTemplate(input, ctx) {
      await requireRole(ctx.openid, 'intakeTemplate');
      return intakeTemplate(input.format, (await loadSettings()).domains[0]?.id ?? '');
    },
    async listProjects(input, ctx) {
      return listProjects(await requireRole(ctx.openid, 'listProjects'), input);
    },
    async reviewProject(input, ctx) {
      return { project: await reviewProject(await requireRole(ctx.openid, 'reviewProject'), input, ctx.nowMs) };
    },
    async getDraft(input, ctx) {
      return { draft: await getDraft(await requireRole(ctx.openid, 'getDraft'), input.projectId) };
    },
    async editProject(input, ctx) {
      return { project: await editProject(await requireRole(ctx.openid, 'editProject'), input, ctx.nowMs) };
    },
    async postUpdate(input, ctx) {
      return postUpdate(await requireRole(ctx.openid, 'postUpdate'), input, ctx.nowMs);
    },
    async dashboard(input, ctx) {
      await requireRole(ctx.openid, 'dashboard');
      return dashboard(input.campaignId, ctx.nowMs);
    },
    async anomalies(input, ctx) {
      await requireRole(ctx.openid, 'anomalies');
      return anomalyPage(input);
    },
    async exportSettlement(input, ctx) {
      return exportSettlement(actor(await requireRole(ctx.openid, 'exportSettlement')), input, ctx.nowMs);
    },
    async exportLedger(input, ctx) {
      return exportLedger(actor(await requireRole(ctx.openid, 'exportLedger')), input, ctx.nowMs);
    },
    async exportReconcile(input, ctx) {
      return exportReconcile(actor(await requireRole(ctx.openid, 'exportReconcile')), input, ctx.nowMs);
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
      minuteFieldsPruned: await pruneMinuteFields(nowMs),
    }; // the other chores share the 60 s
    return chores;
  }
  return actions(event);
}
