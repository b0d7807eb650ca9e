/**
 * Campaign settings and the project catalog, cached per function instance: both change rarely
 * (staff edits propagate within the TTL) and reading them on every donation would double the reads.
 */
import type { CampaignSettings } from '../../domain/settings';
import { DomainError, ErrorCode } from '../../domain/errors';
import { db } from './cloud';
import { C, type ProjectDoc } from './collections';

/** Tests set SHANXING_CACHE_TTL_MS=0 to see their own seeding at once. */
const ttlMs = () => Number(process.env.SHANXING_CACHE_TTL_MS ?? 30_000);

/**
 * Memoise a whole-campaign read per instance for up to `maxMs` (capped by the cache TTL): home-page
 * stats refresh every few seconds for every viewer; aggregating on each view would not scale.
 */
export function shortLived<T>(maxMs: number, load: () => Promise<T>): () => Promise<T> {
  let hit: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (hit && Date.now() - hit.at < Math.min(maxMs, ttlMs())) return hit.value;
    const value = load();
    hit = { at: Date.now(), value };
    value.catch(() => (hit = null));
    return value;
  };
}
export const CAMPAIGN_ID = () => process.env.SHANXING_CAMPAIGN ?? 'cq2022';

interface Cached<T> {
  value: T;
  at: number;
}
let settingsCache: Cached<CampaignSettings> | null = null;
let catalogCache: Cached<Map<string, ProjectDoc>> | null = null;

const fresh = <T>(c: Cached<T> | null): c is Cached<T> => !!c && Date.now() - c.at < ttlMs();

export async function loadSettings(): Promise<CampaignSettings> {
  if (fresh(settingsCache)) return settingsCache.value;
  const { data } = await db().collection(C.campaigns).doc(CAMPAIGN_ID()).get();
  if (!data) throw new DomainError(ErrorCode.SESSION_CLOSED, 'campaign not configured');
  const { _id, ...settings } = data as CampaignSettings & { _id: string };
  settingsCache = { value: { ...settings, id: _id }, at: Date.now() };
  return settingsCache.value;
}

/** All projects (≈300), read in pages of 100 — the server-side get() limit. */
export async function loadCatalog(): Promise<Map<string, ProjectDoc>> {
  if (fresh(catalogCache)) return catalogCache.value;
  const map = new Map<string, ProjectDoc>();
  for (let skip = 0; ; skip += 100) {
    const { data } = await db().collection(C.projects).orderBy('_id', 'asc').skip(skip).limit(100).get();
    for (const p of data as ProjectDoc[]) map.set(p._id, p);
    if (data.length < 100) break;
  }
  catalogCache = { value: map, at: Date.now() };
  return map;
}

/** One project: from the warm catalog, else a single read (a cold instance must not pull 300 docs). */
export async function requireProject(id: string): Promise<ProjectDoc> {
  const project = fresh(catalogCache)
    ? catalogCache.value.get(id)
    : ((await db().collection(C.projects).doc(id).get()).data as ProjectDoc | null);
  if (!project) throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${id}`);
  return project;
}

/** Tests and the seeder change data under a warm instance. */
export function clearCaches(): void {
  settingsCache = null;
  catalogCache = null;
}
