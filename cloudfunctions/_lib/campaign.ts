/**
 * Campaign settings and the project catalog, cached per function instance: both change rarely
 * (staff edits propagate within the TTL) and reading them on every donation would double the reads.
 */
import type { CampaignSettings } from '../../domain/settings';
import { DomainError, ErrorCode } from '../../domain/errors';
import { sessionPhase } from '../../domain/time';
import { db, readAll } from './cloud';
import { C, type ProjectDoc } from './collections';
import { DEFAULT_CAMPAIGN_ID } from '../../domain/campaigns';

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

/** `app_config/default` = `{ campaignId }` (scripts/seed-docs.ts writes it). */
const APP_CONFIG = 'app_config';
const DEFAULT_CONFIG_ID = 'default';

/** The deployment's campaign when the store names none: SHANXING_CAMPAIGN, else Chongqing. */
const fallbackCampaignId = () => process.env.SHANXING_CAMPAIGN ?? DEFAULT_CAMPAIGN_ID;

/**
 * The current campaign's id: `app_config/default` (the operator's choice, written by `npm start`), else the
 * deployment's fallback. Every function but `campaign.get` with an explicit id works in this campaign.
 */
export const currentCampaignId = cachedFor(Infinity, async (): Promise<string> => {
  const { data } = await db().collection(APP_CONFIG).doc(DEFAULT_CONFIG_ID).get();
  return (data as { campaignId?: string } | null)?.campaignId ?? fallbackCampaignId();
});

/**
 * One cache per campaign id. A failed load drops its entry: `campaign.get` takes ids from clients, and unknown
 * ones must not grow the map.
 */
function perCampaign<T>(load: (id: string) => Promise<T>): (id: string) => Cached<T> {
  const caches = new Map<string, Cached<T>>();
  return (id) => {
    let cached = caches.get(id);
    if (!cached) {
      const mine: Cached<T> = cachedFor(Infinity, () =>
        load(id).catch((err) => {
          if (caches.get(id) === mine) caches.delete(id);
          throw err;
        }),
      );
      caches.set(id, (cached = mine));
    }
    return cached;
  };
}

/** One campaign document as settings (`_id` is the id), null when there is none. */
async function readCampaign(id: string): Promise<CampaignSettings | null> {
  const { data } = await db().collection(C.campaigns).doc(id).get();
  if (!data) return null;
  const { _id, ...settings } = data as CampaignSettings & { _id: string };
  return { ...settings, id: _id };
}

const settingsCache = perCampaign(async (id) => {
  const settings = await readCampaign(id);
  if (!settings) throw new DomainError(ErrorCode.NOT_FOUND, `no campaign ${id}`);
  return settings;
});

/** A campaign's settings by id (cached for the TTL); NOT_FOUND for an unknown id, which is not kept. */
export const settingsOf = (id: string): Promise<CampaignSettings> => settingsCache(id)();

/** The current campaign's settings. */
export async function loadSettings(): Promise<CampaignSettings> {
  const id = await currentCampaignId();
  return settingsOf(id).catch((err) => {
    if (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND)
      throw new DomainError(ErrorCode.SESSION_CLOSED, `campaign ${id} not configured`);
    throw err;
  });
}

/**
 * Campaign-owned documents (projects, sponsors, questions, coupon batches) carry `campaignId`; stores seeded
 * before it are tagged by `npm run migrate` (run by `npm start`), so an untagged document belongs to no campaign.
 */
type Owned = { campaignId?: string };

const catalogCache = perCampaign(
  async (campaignId) => new Map((await readAll<ProjectDoc>(C.projects, { campaignId })).map((p) => [p._id, p])),
);

/** The current campaign's projects (≈300), by id (cached for the TTL). */
export const loadCatalog = async (): Promise<Map<string, ProjectDoc>> => catalogCache(await currentCampaignId())();

/**
 * One project of the current campaign: from the warm catalog, else a single read (a cold instance must not pull
 * 300 docs). Another campaign's project is not found.
 */
export async function requireProject(id: string): Promise<ProjectDoc> {
  const campaignId = await currentCampaignId();
  const catalog = catalogCache(campaignId).peek();
  const project = catalog
    ? catalog.get(id)
    : ((await db().collection(C.projects).doc(id).get()).data as (ProjectDoc & Owned) | null);
  if (!project || (project as ProjectDoc & Owned).campaignId !== campaignId)
    throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${id}`);
  return project;
}

/** A project that still takes money (donations and step gifts alike). */
export async function requireFundraisingProject(id: string): Promise<ProjectDoc> {
  const project = await requireProject(id);
  if (project.status !== 'fundraising') throw new DomainError(ErrorCode.PROJECT_CLOSED, '项目已结束筹款');
  return project;
}

/** Money is taken only on the period's days (Beijing dates): the session's, or the steps' own (warm-up included). */
export function requireSessionOpen(period: Pick<CampaignSettings, 'startDate' | 'endDate'>, nowMs: number): void {
  const phase = sessionPhase(period, nowMs);
  if (phase !== 'open')
    throw new DomainError(ErrorCode.SESSION_CLOSED, phase === 'before' ? '活动尚未开始' : '活动已结束');
}
