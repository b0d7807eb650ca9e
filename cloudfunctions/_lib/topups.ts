/**
 * Federation top-up (配套): partner projects receive `ratioBp` of their public money. Settlement is
 * incremental and idempotent: a per-project document records what was topped up so far, and one
 * transaction moves the difference (the journal entry's id is the new running total).
 */
import { topupDue } from '../../domain/topup';
import { topupEntry } from '../../domain/ledger';
import { beijingDate } from '../../domain/time';
import { db } from './cloud';
import { loadCatalog, loadSettings } from './campaign';
import { C } from './collections';
import { aggregateTotals, counterId, counterInc } from './totals';

export async function settleTopups(nowMs: number): Promise<{ projects: number; settledFen: number }> {
  const settings = await loadSettings();
  const [catalog, totals] = await Promise.all([loadCatalog(), aggregateTotals()]);
  let projects = 0;
  let settledFen = 0;
  for (const project of catalog.values()) {
    if (!project.partner) continue;
    const publicFen = totals.get(project._id)?.bySource.public ?? 0;
    if (topupDue(publicFen, 0, settings.topup.ratioBp) <= 0) continue;
    const moved = await db().runTransaction(async (tx) => {
      const ref = tx.collection(C.topups).doc(project._id);
      const doc = (await ref.get()).data as { toppedFen: number } | null;
      const topped = doc?.toppedFen ?? 0;
      const due = topupDue(publicFen, topped, settings.topup.ratioBp);
      if (due <= 0) return 0;
      const { _id, ...entry } = topupEntry({ projectId: project._id, amountFen: due, toppedTotalFen: topped + due, atMs: nowMs, day: beijingDate(nowMs) });
      await tx.collection(C.journal).doc(_id).set({ data: entry });
      await ref.set({ data: { toppedFen: topped + due, basisPublicFen: publicFen, at: nowMs } });
      await tx.collection(C.projectCounters).doc(counterId(project._id, _id)).update({ data: counterInc({ topup: due }) });
      return due;
    });
    if (moved > 0) {
      projects++;
      settledFen += moved;
    }
  }
  return { projects, settledFen };
}
