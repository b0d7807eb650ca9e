/**
 * Project and campaign totals. Money and donor counts land on sharded counter documents (up to
 * COUNTER_SHARDS per project, the shard picked per write by the journal, `journal.ts`, and created on
 * its first write) so a hot project never funnels 10:00 traffic into one document; totals are the sum
 * of a project's existing shards, read with one aggregate whose cost is bounded by the catalog × the
 * shard count, never by the campaign's history (distinct donors are counted as they first pay).
 */
import { zeroSources, type MoneySource } from '../../domain/api';
import { db } from './cloud';
import { cachedFor, currentCampaignId, type Cached } from './campaign';
import { C, SOURCES, type ProjectCounterDoc } from './collections';
import { beijingMinute12 } from '../../domain/time';

/** What a counter shard tallies beside money (written with the journal's counter write, `journal.ts`). */
export type CounterTally = 'donations' | 'flowers' | 'donors' | 'firstDonors';

/**
 * The counter-shard field counting paid donations in one Beijing minute (`YYYYMMDDHHmm`). Fields live for
 * MINUTE_FIELD_TTL_MS (the admin timer removes older ones, `pruneMinuteFields`), so a shard holds at most the
 * last few hours' minutes whatever the session's length.
 */
export const minuteField = (minute12: string) => `m${minute12}`;

/** The dashboard shows the last 60 minutes; fields older than two hours are removed. */
export const MINUTE_FIELD_TTL_MS = 2 * 3_600_000;
/** How far back one timer run looks when it has no record of the last (a day; older fields predate minute counts). */
const PRUNE_LOOKBACK_MS = 24 * 3_600_000;
const PRUNE_PROGRESS_ID = 'minute_prune';
const FIELDS_PER_UPDATE = 60;

/**
 * Remove the minute fields between the last run's end and two hours ago from every counter shard that has one (the
 * admin timer, every 5 minutes). One update per hour of minutes, only on shards holding such a field: a shard is
 * touched at most once per hour, so this adds at most one conflict retry per shard per hour to the payments.
 * Returns the shards changed.
 */
export async function pruneMinuteFields(nowMs: number): Promise<number> {
  const _ = db().command;
  const progress = db().collection(C.appConfig).doc(PRUNE_PROGRESS_ID);
  const last = ((await progress.get()).data as { throughMs?: number } | null)?.throughMs ?? 0;
  const toMs = Math.floor((nowMs - MINUTE_FIELD_TTL_MS) / 60_000) * 60_000;
  let fromMs = Math.max(last, toMs - PRUNE_LOOKBACK_MS);
  let changed = 0;
  while (fromMs < toMs) {
    const fields: string[] = [];
    for (let ms = fromMs; ms < toMs && fields.length < FIELDS_PER_UPDATE; ms += 60_000)
      fields.push(minuteField(beijingMinute12(ms)));
    const res = await db()
      .collection(C.projectCounters)
      .where(_.or(fields.map((f) => ({ [f]: _.exists(true) }))))
      .update({ data: Object.fromEntries(fields.map((f) => [f, _.remove()])) });
    changed += res.stats.updated;
    fromMs += fields.length * 60_000;
  }
  if (toMs > last) await progress.set({ data: { throughMs: toMs } });
  return changed;
}

/** Paid donations per Beijing minute of a campaign, summed over its counter shards (one aggregate). */
export async function donationsPerMinute(campaignId: string, minutes: string[]): Promise<Map<string, number>> {
  if (!minutes.length) return new Map();
  const { list } = await db()
    .collection(C.projectCounters)
    .aggregate()
    .match({ campaignId })
    .group({ _id: null, ...Object.fromEntries(minutes.map((m) => [minuteField(m), { $sum: `$${minuteField(m)}` }])) })
    .end();
  const row = (list[0] ?? {}) as Record<string, number>;
  return new Map(minutes.map((m) => [m, Number(row[minuteField(m)] ?? 0)]));
}

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

/** A counter shard as first written: zero money, zero tallies (shards exist only once written). */
export function emptyCounter(projectId: string, k: number, campaignId: string): ProjectCounterDoc {
  return {
    _id: `${projectId}_${k}`,
    projectId,
    campaignId,
    ...zeroSources(),
    donations: 0,
    flowers: 0,
    donors: 0,
    firstDonors: 0,
  };
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

/** Per campaign: its projects' totals, a few seconds old at most (bounded by the campaigns that exist). */
const allTotals = new Map<string, Cached<Map<string, ProjectTotals>>>();

/** Totals of every project of the current campaign (a few seconds old at most) or of one (fresh). */
export async function projectTotals(projectId?: string): Promise<Map<string, ProjectTotals>> {
  if (projectId) return aggregateTotals(projectId);
  const campaignId = await currentCampaignId();
  let cached = allTotals.get(campaignId);
  if (!cached) allTotals.set(campaignId, (cached = cachedFor(5_000, () => aggregateTotals(undefined, campaignId))));
  return cached();
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

/** A project's public money now, from its counter shards (one aggregate; a top-up's basis). */
export async function publicFen(projectId: string): Promise<number> {
  return (await aggregateTotals(projectId)).get(projectId)?.bySource.public ?? 0;
}

/**
 * Uncached: money decisions (top-up settlement, reconcile) must see every committed entry. One project's, or
 * every project's of a campaign (default: the current one).
 */
export async function aggregateTotals(projectId?: string, campaignId?: string): Promise<Map<string, ProjectTotals>> {
  const agg = db()
    .collection(C.projectCounters)
    .aggregate()
    .match(projectId ? { projectId } : { campaignId: campaignId ?? (await currentCampaignId()) });
  const { list } = await agg
    .group({ _id: '$projectId', ...sumFields() })
    .limit(10_000)
    .end();
  return new Map(list.map((row) => [String(row._id), toTotals(row)]));
}

/**
 * Every campaign's totals in one aggregate over the counter shards, grouped by campaign: its cost is fixed by
 * the catalogs (projects × shards), never by the orders (`campaign.get`/`list`); a few seconds old at most.
 */
export const totalsByCampaign = cachedFor(5_000, async (): Promise<Map<string, ProjectTotals>> => {
  const { list } = await db()
    .collection(C.projectCounters)
    .aggregate()
    .group({ _id: '$campaignId', ...sumFields() })
    .limit(1_000)
    .end();
  return new Map(list.map((row) => [String(row._id), toTotals(row)]));
});
