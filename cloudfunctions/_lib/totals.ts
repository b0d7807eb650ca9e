/**
 * Project and campaign totals. Money lands on sharded counter documents (COUNTER_SHARDS per project,
 * the shard picked by the order) so a hot project never funnels 10:00 traffic into one document;
 * totals are the sum of a project's shards, read with one aggregate.
 */
import { hash32 } from '../../domain/rng';
import type { MoneySource } from '../../domain/api';
import { db } from './cloud';
import { cachedFor } from './campaign';
import { C, COUNTER_SHARDS, SOURCES, type ProjectCounterDoc } from './collections';

export type CounterField = MoneySource | 'donations' | 'flowers';

export interface ProjectTotals {
  bySource: Record<MoneySource, number>;
  raisedFen: number;
  donations: number;
  flowers: number;
}

export const counterId = (projectId: string, key: string) =>
  `${projectId}_${hash32(key) % COUNTER_SHARDS}`;

export function emptyCounter(projectId: string, k: number): ProjectCounterDoc {
  return { _id: `${projectId}_${k}`, projectId, public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0, donations: 0, flowers: 0 };
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
  };
}

const sumFields = () => Object.fromEntries([...SOURCES, 'donations', 'flowers'].map((f) => [f, { $sum: `$${f}` }]));

const allTotals = cachedFor(5_000, () => aggregateTotals());
const allDonors = cachedFor(5_000, () => countDonors());

/** Totals of every project (a few seconds old at most) or of one (fresh), from the counter shards. */
export function projectTotals(projectId?: string): Promise<Map<string, ProjectTotals>> {
  return projectId ? aggregateTotals(projectId) : allTotals();
}

/** Distinct paid donors per project and overall (a few seconds old at most), or of one project. */
export function donorCounts(projectId?: string): Promise<{ byProject: Map<string, number>; total: number }> {
  return projectId ? countDonors(projectId) : allDonors();
}

/** Uncached: money decisions (top-up settlement, reconcile) must see every committed entry. */
export async function aggregateTotals(projectId?: string): Promise<Map<string, ProjectTotals>> {
  let agg = db().collection(C.projectCounters).aggregate();
  if (projectId) agg = agg.match({ projectId });
  const { list } = await agg.group({ _id: '$projectId', ...sumFields() }).limit(10_000).end();
  return new Map(list.map((row) => [String(row._id), toTotals(row)]));
}

async function countDonors(projectId?: string): Promise<{ byProject: Map<string, number>; total: number }> {
  const match: Record<string, unknown> = { status: 'paid' };
  if (projectId) match.projectId = projectId;
  const pairs = await db()
    .collection(C.orders)
    .aggregate()
    .match(match)
    .group({ _id: { p: '$projectId', o: '$openid' } })
    .group({ _id: '$_id.p', donors: { $sum: 1 } })
    .limit(10_000)
    .end();
  const byProject = new Map(pairs.list.map((r) => [String(r._id), Number(r.donors)]));
  if (projectId) return { byProject, total: byProject.get(projectId) ?? 0 };
  const all = await db().collection(C.orders).aggregate().match({ status: 'paid' }).group({ _id: '$openid' }).count('n').end();
  return { byProject, total: Number(all.list[0]?.n ?? 0) };
}
