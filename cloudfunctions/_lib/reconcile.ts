/**
 * Fold the journal (a page at a time, by cursor), gather every balance the app keeps, and let the domain's
 * `reconcile` compare them — per campaign: each campaign's entries (by their project's campaign), counters, pool
 * shards, sponsors, paid orders and top-ups must agree on their own, so one campaign's pool cannot hide another's
 * overspend.
 */
import { JournalFold, reconcile } from '../../domain/ledger';
import type { JournalEntry } from '../../domain/ledger';
import type { AdminReconcileResult, MoneySource } from '../../domain/api';
import { db, pages, readAll } from './cloud';
import { C, type CouponBatchDoc, type OrderDoc, type SponsorDoc } from './collections';
import { allCampaigns } from './campaign';
import { aggregateTotals } from './totals';
import { checkSeals } from './sealCheck';

type Owned = { campaignId?: string };

export async function runReconcile(): Promise<AdminReconcileResult> {
  const [campaigns, projects, shards, sponsors, paidOrders, topups, batches] = await Promise.all([
    allCampaigns(),
    readAll<{ _id: string } & Owned>(C.projects),
    readAll<{ _id: string; spentFen: number } & Owned>(C.poolShards),
    readAll<SponsorDoc & Owned>(C.sponsors),
    // A refunding order's money is still in the books until WeChat confirms the refund.
    readAll<OrderDoc>(C.orders, { status: db().command.in(['paid', 'refunding']) }),
    readAll<{ _id: string; toppedFen: number }>(C.topups),
    readAll<CouponBatchDoc>(C.couponBatches),
  ]);
  const campaignOf = new Map(projects.map((p) => [p._id, p.campaignId ?? '']));
  const problems: string[] = [];
  // The journal, a page at a time by entry id, folded per campaign: memory is bounded by the accounts.
  const folds = new Map(campaigns.map((c) => [c.id, new JournalFold()]));
  let entries = 0;
  for await (const page of pages<JournalEntry>(C.journal))
    for (const e of page) {
      entries += 1;
      const fold = folds.get(campaignOf.get(e.projectId) ?? '');
      if (fold) fold.add(e);
      else problems.push(`entry ${e._id}: project ${e.projectId} belongs to no campaign`);
    }
  const byCampaign: AdminReconcileResult['campaigns'] = [];
  for (const c of campaigns) {
    const mine = <T>(list: T[], projectOf: (x: T) => string) =>
      list.filter((x) => campaignOf.get(projectOf(x)) === c.id);
    const folded = folds.get(c.id)!;
    const orders = paidOrders.filter((o) => (o.campaignId ?? campaignOf.get(o.projectId)) === c.id);
    const poolShards = shards.filter((s) => s.campaignId === c.id);
    const totals = await aggregateTotals(undefined, c.id);
    const found = reconcile({
      folded,
      projectTotals: new Map([...totals].map(([id, t]) => [id, t.bySource as Record<MoneySource, number>])),
      poolFen: c.match.poolFen,
      poolSpentFen: poolShards.reduce((s, d) => s + d.spentFen, 0),
      poolShards: poolShards.map((d) => ({ id: d._id, spentFen: d.spentFen })),
      sponsors: sponsors
        .filter((s) => s.campaignId === c.id)
        .map((s) => ({ id: s._id, pledgedFen: s.pledgedFen, leftFen: s.leftFen, paidFen: s.paidFen })),
      paidOrders: orders.map((o) => ({ _id: o._id, payFen: o.payFen, couponFen: o.couponFen })),
      topups: mine(topups, (t) => t._id).map((t) => ({ projectId: t._id, toppedFen: t.toppedFen })),
      coupons: batches
        .filter((b) => (b as CouponBatchDoc & Owned).campaignId === c.id)
        .map((b) => ({ batchId: b._id, usedFen: b.usedFen ?? 0 })),
    });
    problems.push(...found.map((p) => `${c.id}: ${p}`));
    byCampaign.push({
      campaignId: c.id,
      ok: found.length === 0,
      problems: found.length,
      entries: folded.entries,
      paidOrders: orders.length,
      shards: poolShards.length,
    });
  }
  // The sealed books: every sealed root recomputed from the stored entries (docs/books.md).
  const seals = await checkSeals();
  problems.push(...seals.problems);
  return {
    ok: problems.length === 0,
    problems,
    pending: seals.pending,
    campaigns: byCampaign,
    checked: {
      sealedEntries: seals.sealedEntries,
      sealedDays: seals.sealedDays,
      entries,
      paidOrders: paidOrders.length,
      shards: shards.length,
      sponsors: sponsors.length,
      couponBatches: batches.length,
    },
  };
}
