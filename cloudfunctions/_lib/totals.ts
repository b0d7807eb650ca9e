/**
 * Project and campaign totals. Money and donor counts land on sharded counter documents
 * (COUNTER_SHARDS per project, the shard picked per write) so a hot project never funnels 10:00
 * traffic into one document; totals are the sum of a project's shards, read with one aggregate whose
 * cost is fixed by the catalog, never by the campaign's history (distinct donors are counted as they
 * first pay, not by scanning orders).
 */
import { hash32 } from '../../domain/rng';
import { pickShard } from '../../domain/ids';
import type { MoneySource } from '../../domain/api';
import { db } from './cloud';
import { cachedFor } from './campaign';
import { C, COUNTER_SHARDS, SOURCES, type ProjectCounterDoc } from './collections';
import type { Tx } from './matchUsers';

export type CounterField = MoneySource | 'donations' | 'flowers' | 'donors' | 'firstDonors';

export interface ProjectTotals {
  bySource: Record<MoneySource, number>;
  raisedFen: number;
  donations: number;
  flowers: number;
  /** Distinct paid donors of the project. */
  donors: number;
  /** Distinct donors of the campaign whose first paid donation went to this project. */
  firstDonors: number;
}

export const counterId = (projectId: string, key: string) => `${projectId}_${hash32(key) % COUNTER_SHARDS}`;

export function emptyCounter(projectId: string, k: number): ProjectCounterDoc {
  return {
    _id: `${projectId}_${k}`,
    projectId,
    public: 0,
    match: 0,
    sponsor: 0,
    coupon: 0,
    topup: 0,
    donations: 0,
    flowers: 0,
  };
}

/**
 * Add to one of a project's counter shards inside a transaction, the shard picked at random per
 * attempt (a first-writer-wins conflict retries on another). A shard missing from an older store is
 * created here instead of silently dropping the increment.
 */
export async function bumpCounterInTx(
  tx: Tx,
  projectId: string,
  key: string,
  attempt: number,
  fields: Partial<Record<CounterField, number>>,
): Promise<void> {
  const k = pickShard(`ctr:${key}`, attempt, COUNTER_SHARDS);
  const ref = tx.collection(C.projectCounters).doc(`${projectId}_${k}`);
  const res = (await ref.update({ data: counterInc(fields) })) as { stats?: { updated?: number }; updated?: number };
  if ((res?.stats?.updated ?? res?.updated ?? 0) > 0) return;
  const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
  await tx
    .collection(C.projectCounters)
    .add({ data: { ...emptyCounter(projectId, k), donors: 0, firstDonors: 0, ...values } });
}

/** `$inc` payload for a counter shard. */
export function counterInc(fields: Partial<Record<CounterField, number>>): Record<string, unknown> {
  const _ = db().command;
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v) data[k] = _.inc(v);
  return data;
}

function toTotals(row: Record<string, number>): ProjectTotals {
  const bySource = Object.fromEntries(SOURCES.map((s) => [s, row[s] ?? 0])) as Record<MoneySource, number>;
  return {
    bySource,
    raisedFen: SOURCES.reduce((sum, s) => sum + bySource[s], 0),
    donations: row.donations ?? 0,
    flowers: row.flowers ?? 0,
    donors: row.donors ?? 0,
    firstDonors: row.firstDonors ?? 0,
  };
}

const sumFields = () =>
  Object.fromEntries([...SOURCES, 'donations', 'flowers', 'donors', 'firstDonors'].map((f) => [f, { $sum: `$${f}` }]));

const allTotals = cachedFor(5_000, () => aggregateTotals());

/** Totals of every project (a few seconds old at most) or of one (fresh), from the counter shards. */
export function projectTotals(projectId?: string): Promise<Map<string, ProjectTotals>> {
  return projectId ? aggregateTotals(projectId) : allTotals();
}

/** Distinct paid donors per project and overall (a few seconds old at most), or of one project (fresh). */
export async function donorCounts(projectId?: string): Promise<{ byProject: Map<string, number>; total: number }> {
  const totals = await projectTotals(projectId);
  const byProject = new Map([...totals].map(([id, t]) => [id, t.donors]));
  if (projectId) return { byProject, total: byProject.get(projectId) ?? 0 };
  let total = 0;
  for (const t of totals.values()) total += t.firstDonors;
  return { byProject, total };
}

/** Uncached: money decisions (top-up settlement, reconcile) must see every committed entry. */
export async function aggregateTotals(projectId?: string): Promise<Map<string, ProjectTotals>> {
  let agg = db().collection(C.projectCounters).aggregate();
  if (projectId) agg = agg.match({ projectId });
  const { list } = await agg
    .group({ _id: '$projectId', ...sumFields() })
    .limit(10_000)
    .end();
  return new Map(list.map((row) => [String(row._id), toTotals(row)]));
}
