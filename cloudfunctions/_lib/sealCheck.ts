/**
 * Tamper detection for the sealed books (part of `npm run reconcile`): recompute every sealed batch
 * and day root from the stored entries and name each entry changed, removed or inserted after sealing.
 */
import type { StoredEntry } from '../../domain/canonical';
import { batchLeaf, dayRootOf, entryLeaf, GENESIS_PREV_ROOT, merkleRoot } from '../../domain/merkle';
import { cmd, db, readAll } from './cloud';
import { C } from './collections';
import {
  batchChunks,
  genesisMs,
  LATE_HORIZON_MS,
  SEAL,
  unsealedIn,
  windowOf,
  type BatchDoc,
  type DayDoc,
} from './seal';

export interface SealCheck {
  problems: string[];
  /** Late entries the next seal run will take (inside the late horizon): expected, not a fault. */
  pending: string[];
  sealedEntries: number;
  sealedDays: number;
}

const byId = <T extends { _id: string }>(a: T, b: T) => (a._id < b._id ? -1 : 1);

async function checkBatch(b: BatchDoc, problems: string[]): Promise<void> {
  const chunks = (await batchChunks(b._id)).sort((x, y) => x.k - y.k);
  const ids = chunks.flatMap((c) => c.ids);
  const leaves = chunks.flatMap((c) => c.leaves);
  if (ids.length !== b.count || merkleRoot(leaves) !== b.root)
    problems.push(`batch ${b._id}: its stored leaves no longer give its sealed root`);
  const _ = cmd();
  for (let i = 0; i < ids.length; i += 100) {
    const group = ids.slice(i, i + 100);
    const { data } = await db()
      .collection(C.journal)
      .where({ _id: _.in(group) })
      .limit(100)
      .get();
    const found = new Map((data as StoredEntry[]).map((e) => [String(e._id), e]));
    group.forEach((id, j) => {
      const e = found.get(id);
      if (!e) problems.push(`entry ${id} removed after sealing (batch ${b._id})`);
      else if (entryLeaf(e) !== leaves[i + j]) problems.push(`entry ${id} changed after sealing (batch ${b._id})`);
    });
  }
}

export async function checkSeals(): Promise<SealCheck> {
  const out: SealCheck = { problems: [], pending: [], sealedEntries: 0, sealedDays: 0 };
  const state = (await db().collection(SEAL.state).doc('journal').get()).data as { frontierMs: number } | null;
  if (!state) return out;
  const batches = (await readAll<BatchDoc>(SEAL.batches)).sort(byId);
  for (const b of batches) {
    await checkBatch(b, out.problems);
    out.sealedEntries += b.count;
  }
  let prev = GENESIS_PREV_ROOT;
  for (const d of (await readAll<DayDoc>(SEAL.days)).sort((a, b) => (a.day < b.day ? -1 : 1))) {
    const mine = batches.filter((b) => b.day === d.day);
    const batchesRoot = merkleRoot(
      mine.map((b) => batchLeaf({ id: b._id, day: b.day, count: b.count, root: b.root, totals: b.totals })),
    );
    const { _id, root, sealedAt: _sealedAt, ...header } = d;
    if (d.prevRoot !== prev) out.problems.push(`day ${d.day}: prevRoot does not chain to the previous day's root`);
    if (batchesRoot !== d.batchesRoot || dayRootOf(header) !== root)
      out.problems.push(`day ${d.day}: its batches no longer give its sealed root`);
    prev = root;
    out.sealedDays++;
  }
  const genesis = await genesisMs();
  for (const e of await unsealedIn(genesis, state.frontierMs, genesis)) {
    const line = `entry ${e._id} (at ${new Date(e.at).toISOString()}) is not in the sealed window it belongs to`;
    if (windowOf(e.at) < state.frontierMs - LATE_HORIZON_MS) out.problems.push(`${line}: inserted after sealing`);
    else out.pending.push(`${line}: late, the next seal run takes it`);
  }
  return out;
}
