/**
 * Federation top-up (配套): partner projects receive `ratioBp` of their public money. Settlement is
 * incremental and idempotent: a per-project document records what was topped up so far (and what
 * refunds took back), and one transaction moves the difference. The entry's id is the gross running
 * total (topped + reversed), which only grows, so it never repeats after a refund lowered the net.
 * The basis is read from the counters INSIDE the transaction and a refund writes the same top-up
 * document, so a settlement and a refund serialize: refunded money is never topped up.
 */
import { topupDue } from '../../domain/topup';
import { topupEntry } from '../../domain/ledger';
import type { AdminSettleTopupsResult } from '../../domain/api';
import { beijingDate } from '../../domain/time';
import { db } from './cloud';
import { loadCatalog, loadSettings } from './campaign';
import { C, COUNTER_SHARDS } from './collections';
import { aggregateTotals, counterId, counterInc } from './totals';

export interface TopupDoc {
  _id: string; // project id
  toppedFen: number;
  /** Top-up taken back by refunds (toppedFen is net of it). */
  reversedFen?: number;
  basisPublicFen?: number;
  at: number;
}

type Tx = Parameters<Parameters<ReturnType<typeof db>['runTransaction']>[0]>[0];

/** A project's public money as its counter shards say, read in the transaction (see the header). */
export async function publicFenInTx(tx: Tx, projectId: string): Promise<number> {
  const docs = await Promise.all(
    Array.from({ length: COUNTER_SHARDS }, (_, k) => tx.collection(C.projectCounters).doc(`${projectId}_${k}`).get()),
  );
  return docs.reduce((sum, d) => sum + Number((d.data as { public?: number } | null)?.public ?? 0), 0);
}

export async function settleTopups(nowMs: number): Promise<AdminSettleTopupsResult> {
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
      const doc = (await ref.get()).data as TopupDoc | null;
      const topped = doc?.toppedFen ?? 0;
      const reversed = doc?.reversedFen ?? 0;
      const basis = await publicFenInTx(tx, project._id);
      const due = topupDue(basis, topped, settings.topup.ratioBp);
      if (due <= 0) return 0;
      const entry = topupEntry({
        projectId: project._id,
        amountFen: due,
        toppedTotalFen: topped + reversed + due,
        atMs: nowMs,
        day: beijingDate(nowMs),
      });
      const { _id } = entry;
      await tx.collection(C.journal).add({ data: entry }); // journal entries are insert-only (sealed books)
      await ref.set({ data: { toppedFen: topped + due, reversedFen: reversed, basisPublicFen: basis, at: nowMs } });
      await tx
        .collection(C.projectCounters)
        .doc(counterId(project._id, _id))
        .update({ data: counterInc({ topup: due }) });
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
 * Inside a refund's transaction: take back the top-up the refunded public money earned, so what stays
 * topped up is exactly floor((public − refunded) × ratio) — to the fen. Always writes the top-up document
 * (even when nothing is taken back) so a concurrent settlement conflicts instead of using a stale basis.
 */
export async function reverseTopupInTx(
  tx: Tx,
  args: { projectId: string; ratioBp: number; refundedPublicFen: number; nowMs: number },
): Promise<number> {
  const ref = tx.collection(C.topups).doc(args.projectId);
  const doc = (await ref.get()).data as TopupDoc | null;
  const topped = doc?.toppedFen ?? 0;
  const after = Math.max(0, (await publicFenInTx(tx, args.projectId)) - args.refundedPublicFen);
  const keep = topupDue(after, 0, args.ratioBp);
  const back = Math.max(0, topped - keep);
  await ref.set({
    data: {
      toppedFen: topped - back,
      reversedFen: (doc?.reversedFen ?? 0) + back,
      basisPublicFen: doc?.basisPublicFen ?? 0,
      at: doc?.at ?? args.nowMs,
      refundedAt: args.nowMs,
    },
  });
  return back;
}
