/**
 * The console's live dashboard. Its cost is bounded by the catalog, never by the donations: money and
 * donor figures come from the project counter shards (one aggregate), the pool from the day's shards, the
 * rate from the counter shards' per-minute fields (written in the payment transaction, one more aggregate),
 * the anomaly queue from its newest entries.
 */
import type { AdminDashboardResult, ConsoleProjectStatus, DashboardRow, SourceTotals } from '../../domain/api/admin';
import { pacingTarget } from '../../domain/pacing';
import { beijingDate, beijingMinute12, formatBeijing, matchWindow } from '../../domain/time';
import { db, readAll } from './cloud';
import { settingsOf } from './campaign';
import { C, SOURCES, type AnomalyDoc, type ProjectDoc } from './collections';
import { aggregateTotals, donationsPerMinute, type ProjectTotals } from './totals';
import { poolDayId } from '../../domain/ids';
import { anomalyView } from './anomalies';

const ANOMALIES_SHOWN = 50;
const RATE_MINUTES = 60;

/** Paid donations in each of the last 60 Beijing minutes (this one last), from the counter shards' minute fields. */
async function perMinute(campaignId: string, nowMs: number) {
  const start = Math.floor(nowMs / 60_000) * 60_000 - (RATE_MINUTES - 1) * 60_000;
  const instants = Array.from({ length: RATE_MINUTES }, (_, i) => start + i * 60_000);
  const counts = await donationsPerMinute(campaignId, instants.map(beijingMinute12));
  return instants.map((ms) => ({
    minute: formatBeijing(ms, 'YYYY-MM-DD HH:mm'),
    donations: counts.get(beijingMinute12(ms)) ?? 0,
  }));
}

const zero = (): SourceTotals => ({ public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 });

function table(
  projects: ProjectDoc[],
  totals: Map<string, ProjectTotals>,
  keyOf: (p: ProjectDoc) => [string, string],
): DashboardRow[] {
  const rows = new Map<string, DashboardRow>();
  for (const p of projects) {
    const [key, label] = keyOf(p);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, label, ...zero(), raisedFen: 0, donations: 0, projects: 0 }));
    const t = totals.get(p._id);
    row.projects += 1;
    if (!t) continue;
    for (const s of SOURCES) row[s] += t.bySource[s];
    row.raisedFen += t.raisedFen;
    row.donations += t.donations;
  }
  return [...rows.values()].sort((a, b) => b.raisedFen - a.raisedFen || a.key.localeCompare(b.key));
}

async function pool(settings: Awaited<ReturnType<typeof settingsOf>>, nowMs: number) {
  const day = beijingDate(nowMs);
  const release = (await db().collection(C.poolDays).doc(poolDayId(settings.id, day)).get()).data as {
    budgetFen?: number;
  } | null;
  const budgetFen = Number(release?.budgetFen ?? 0);
  const { list } = await db()
    .collection(C.poolShards)
    .aggregate()
    .match({ campaignId: settings.id, day })
    .group({ _id: null, spent: { $sum: '$spentFen' } })
    .end();
  const window = matchWindow(settings.match, day);
  const curve = [];
  for (let hour = 0; hour <= 24; hour++) {
    const at = Math.min(window.endMs, Date.parse(`${day}T00:00:00+08:00`) + hour * 3600_000);
    curve.push({ hour, allowedFen: pacingTarget(budgetFen, window, at) });
  }
  return { day, budgetFen, spentFen: Number(list[0]?.spent ?? 0), curve };
}

export async function dashboard(campaignId: string, nowMs: number): Promise<AdminDashboardResult> {
  const settings = await settingsOf(campaignId);
  const [projects, totals, anomalies] = await Promise.all([
    readAll<ProjectDoc>(C.projects, { campaignId }),
    aggregateTotals(undefined, campaignId),
    db().collection(C.anomalies).orderBy('at', 'desc').limit(ANOMALIES_SHOWN).get(),
  ]);
  const mine = new Set(projects.map((p) => p._id));
  const bySource = zero();
  let donations = 0;
  let donors = 0;
  for (const [id, t] of totals) {
    if (!mine.has(id)) continue;
    for (const s of SOURCES) bySource[s] += t.bySource[s];
    donations += t.donations;
    donors += t.firstDonors;
  }
  const status: Record<ConsoleProjectStatus, number> = {
    pending: 0,
    returned: 0,
    fundraising: 0,
    paused: 0,
    closed: 0,
  };
  for (const p of projects) status[p.status as ConsoleProjectStatus] += 1;
  const domainName = new Map(settings.domains.map((d) => [d.id, d.name ?? d.id]));
  return {
    campaignId,
    at: nowMs,
    raisedFen: SOURCES.reduce((s, k) => s + bySource[k], 0),
    bySource,
    donors,
    donations,
    perMinute: await perMinute(campaignId, nowMs),
    pool: await pool(settings, nowMs),
    byDistrict: table(projects, totals, (p) => [p.district, p.district]),
    byOrg: table(projects, totals, (p) => [p.orgId, p.org]),
    byDomain: table(projects, totals, (p) => [p.domain, domainName.get(p.domain) ?? p.domain]),
    anomalies: (anomalies.data as AnomalyDoc[]).map(anomalyView),

    projects: status,
  };
}
