/**
 * Federation top-up (配套): partner projects receive `ratioBp` of their public money. Settlement is
 * incremental and idempotent: a per-project document records what was topped up so far (and what
 * refunds took back), and one transaction moves the difference. The entry's id is the gross running
 * total (topped + reversed), which only grows, so it never repeats after a refund lowered the net.
 * The basis is read from the counters (one aggregate) after the transaction read the top-up document,
 * and a refund writes that document in its own transaction, so a settlement and a refund serialize:
 * refunded money is never topped up. The journal (`postEntry`) moves `toppedFen`/`reversedFen`.
 */
import { topupDue } from '../../domain/topup';
import { topupEntry } from '../../domain/ledger';
import type { AdminSettleTopupsResult } from '../../domain/api';
import { beijingDate } from '../../domain/time';
import { db } from './cloud';
import { loadCatalog, loadSettings } from './campaign';
import { C } from './collections';
import { aggregateTotals, publicFen } from './totals';
import { postEntry, TOPUP_ZERO, type DocWrite } from './journal';
import { runMoneyTx } from './moneyTx';

export interface TopupDoc {
  _id: string; // project id
  toppedFen: number;
  /** Top-up taken back by refunds (toppedFen is net of it). */
  reversedFen?: number;
  basisPublicFen?: number;
  at: number;
  refundedAt?: number;
}

type Tx = Parameters<Parameters<ReturnType<typeof db>['runTransaction']>[0]>[0];

export async function settleTopups(nowMs: number): Promise<AdminSettleTopupsResult> {
  const settings = await loadSettings();
  const [catalog, totals] = await Promise.all([loadCatalog(), aggregateTotals()]);
  let projects = 0;
  let settledFen = 0;
  for (const project of catalog.values()) {
    if (!project.partner) continue;
    const publicNow = totals.get(project._id)?.bySource.public ?? 0;
    if (topupDue(publicNow, 0, settings.topup.ratioBp) <= 0) continue;
    const moved = await runMoneyTx(async (tx, attempt) => {
      const ref = tx.collection(C.topups).doc(project._id);
      const doc = (await ref.get()).data as TopupDoc | null;
      const topped = doc?.toppedFen ?? 0;
      const reversed = doc?.reversedFen ?? 0;
      // Read after the top-up document: a refund that commits later conflicts on it (see the header).
      const basis = await publicFen(project._id);
      const due = topupDue(basis, topped, settings.topup.ratioBp);
      if (due <= 0) return 0;
      const entry = topupEntry({
        projectId: project._id,
        amountFen: due,
        toppedTotalFen: topped + reversed + due,
        atMs: nowMs,
        day: beijingDate(nowMs),
      });
      // The journal moves `toppedFen` (creating the document on a first settlement) and the counter.
      await postEntry(tx, entry, {
        attempt,
        with: [{ collection: C.topups, id: project._id, data: { basisPublicFen: basis, at: nowMs } }],
      });
      return due;
    });
    if (moved > 0) {
      projects++;
      settledFen += moved;
    }
  }
  return { projects, settledFen };
}

/**
 * Inside a refund's transaction: the top-up the refunded public money earned, to be taken back with the
 * refund's entry, so what stays topped up is exactly floor((public − refunded) × ratio) — to the fen.
 * `topup` is the write the refund must post with its entry: it always touches the top-up document (even
 * when nothing is taken back) so a concurrent settlement conflicts instead of using a stale basis.
 */
export async function topupToReverse(
  tx: Tx,
  args: { projectId: string; ratioBp: number; refundedPublicFen: number; nowMs: number },
): Promise<{ backFen: number; write: DocWrite }> {
  const ref = tx.collection(C.topups).doc(args.projectId);
  const doc = (await ref.get()).data as TopupDoc | null;
  const write: DocWrite = {
    collection: C.topups,
    id: args.projectId,
    data: { refundedAt: args.nowMs },
    create: TOPUP_ZERO(args.nowMs),
  };
  if (!doc) return { backFen: 0, write };
  const after = Math.max(0, (await publicFen(args.projectId)) - args.refundedPublicFen);
  const keep = topupDue(after, 0, args.ratioBp);
  const backFen = Math.max(0, doc.toppedFen - keep);
  return { backFen, write };
}
