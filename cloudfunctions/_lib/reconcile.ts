/** Gather the journal and every balance the app keeps, and let the domain's `reconcile` compare them. */
import { reconcile } from '../../domain/ledger';
import type { JournalEntry } from '../../domain/ledger';
import type { AdminReconcileResult, MoneySource } from '../../domain/api';
import { db, readAll } from './cloud';
import { C, type CouponBatchDoc, type OrderDoc, type SponsorDoc } from './collections';
import { loadSettings } from './campaign';
import { aggregateTotals } from './totals';
import { checkSeals } from './sealCheck';

export async function runReconcile(): Promise<AdminReconcileResult> {
  const settings = await loadSettings();
  const [entries, totals, shards, sponsors, paidOrders, topups, batches] = await Promise.all([
    readAll<JournalEntry>(C.journal),
    aggregateTotals(),
    readAll<{ _id: string; spentFen: number }>(C.poolShards),
    readAll<SponsorDoc>(C.sponsors),
    // A refunding order's money is still in the books until WeChat confirms the refund.
    readAll<OrderDoc>(C.orders, { status: db().command.in(['paid', 'refunding']) }),
    readAll<{ _id: string; toppedFen: number }>(C.topups),
    readAll<CouponBatchDoc>(C.couponBatches),
  ]);
  const problems = reconcile({
    entries,
    projectTotals: new Map([...totals].map(([id, t]) => [id, t.bySource as Record<MoneySource, number>])),
    poolFen: settings.match.poolFen,
    poolSpentFen: shards.reduce((s, d) => s + d.spentFen, 0),
    poolShards: shards.map((d) => ({ id: d._id, spentFen: d.spentFen })),
    sponsors: sponsors.map((s) => ({ id: s._id, pledgedFen: s.pledgedFen, leftFen: s.leftFen, paidFen: s.paidFen })),
    paidOrders: paidOrders.map((o) => ({ _id: o._id, payFen: o.payFen, couponFen: o.couponFen })),
    topups: topups.map((t) => ({ projectId: t._id, toppedFen: t.toppedFen })),
    coupons: batches.map((b) => ({ batchId: b._id, usedFen: b.usedFen ?? 0 })),
  });
  // The sealed books: every sealed root recomputed from the stored entries (docs/books.md).
  const seals = await checkSeals();
  problems.push(...seals.problems);
  return {
    ok: problems.length === 0,
    problems,
    pending: seals.pending,
    checked: {
      sealedEntries: seals.sealedEntries,
      sealedDays: seals.sealedDays,
      entries: entries.length,
      paidOrders: paidOrders.length,
      shards: shards.length,
      sponsors: sponsors.length,
      couponBatches: batches.length,
    },
  };
}
