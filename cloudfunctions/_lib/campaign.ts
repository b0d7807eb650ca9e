/**
 * Campaign settings and the project catalog, cached per function instance: both change rarely
 * (staff edits propagate within the TTL) and reading them on every donation would double the reads.
 */
import type { CampaignSettings } from '../../domain/settings';
import { DomainError, ErrorCode } from '../../domain/errors';
import { sessionPhase } from '../../domain/time';
import { db, readAll } from './cloud';
import { C, type ProjectDoc } from './collections';

/** Tests set SHANXING_CACHE_TTL_MS=0 to see their own seeding at once. */
const ttlMs = () => Number(process.env.SHANXING_CACHE_TTL_MS ?? 30_000);

export interface Cached<T> {
  (): Promise<T>;
  /** The cached value if it is still fresh (no read). */
  peek(): T | undefined;
}

/**
 * Memoise a read per instance for up to `maxMs`, capped by the cache TTL. Concurrent callers share one
 * in-flight read; a failed read is not kept.
 */
export function cachedFor<T>(maxMs: number, load: () => Promise<T>): Cached<T> {
  let hit: { at: number; value: Promise<T>; settled?: T } | null = null;
  const live = () => !!hit && Date.now() - hit.at < Math.min(maxMs, ttlMs());
  const get = (() => {
    if (live()) return hit!.value;
    const entry: { at: number; value: Promise<T>; settled?: T } = { at: Date.now(), value: load() };
    hit = entry;
    entry.value.then(
      (v) => (entry.settled = v),
      () => hit === entry && (hit = null),
    );
    return entry.value;
  }) as Cached<T>;
  get.peek = () => (live() ? hit!.settled : undefined);
  return get;
}

export const CAMPAIGN_ID = () => process.env.SHANXING_CAMPAIGN ?? 'cq2022';

/** One campaign document as settings (`_id` is the id), null when there is none. */
export async function readCampaign(id: string): Promise<CampaignSettings | null> {
  const { data } = await db().collection(C.campaigns).doc(id).get();
  if (!data) return null;
  const { _id, ...settings } = data as CampaignSettings & { _id: string };
  return { ...settings, id: _id };
}

/** The campaign's settings (cached for the TTL: staff edits propagate within it). */
export const loadSettings = cachedFor(Infinity, async (): Promise<CampaignSettings> => {
  const settings = await readCampaign(CAMPAIGN_ID());
  if (!settings) throw new DomainError(ErrorCode.SESSION_CLOSED, 'campaign not configured');
  return settings;
});

/** All projects (≈300), by id (cached for the TTL). */
export const loadCatalog = cachedFor(Infinity, async () => new Map((await readAll<ProjectDoc>(C.projects)).map((p) => [p._id, p])));

/** One project: from the warm catalog, else a single read (a cold instance must not pull 300 docs). */
export async function requireProject(id: string): Promise<ProjectDoc> {
  const catalog = loadCatalog.peek();
  const project = catalog ? catalog.get(id) : ((await db().collection(C.projects).doc(id).get()).data as ProjectDoc | null);
  if (!project) throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${id}`);
  return project;
}

/** A project that still takes money (donations and step gifts alike). */
export async function requireFundraisingProject(id: string): Promise<ProjectDoc> {
  const project = await requireProject(id);
  if (project.status !== 'fundraising') throw new DomainError(ErrorCode.PROJECT_CLOSED, '项目已结束筹款');
  return project;
}

/** Money is taken only on session days (Beijing dates). */
export function requireSessionOpen(settings: CampaignSettings, nowMs: number): void {
  const phase = sessionPhase(settings, nowMs);
  if (phase !== 'open') throw new DomainError(ErrorCode.SESSION_CLOSED, phase === 'before' ? '活动尚未开始' : '活动已结束');
}
