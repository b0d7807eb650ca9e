/**
 * Campaign settings and the project catalog, cached per function instance: both change rarely
 * (staff edits propagate within the TTL) and reading them on every donation would double the reads.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CampaignSettings } from '../../domain/settings';
import { DomainError, ErrorCode } from '../../domain/errors';
import { sessionPhase } from '../../domain/time';
import { db, readAll } from './cloud';
import { C, type ProjectDoc } from './collections';
import { DEFAULT_CAMPAIGN_ID } from '../../domain/campaigns';
import { campaignTag, orderCampaignTag } from '../../domain/ids';

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
 * The default campaign's id: `app_config/default` (the operator's choice, written by `npm start`), else the
 * deployment's fallback. An invocation that names no campaign (and no project or share of one) works in it.
 */
export const defaultCampaignId = cachedFor(Infinity, async (): Promise<string> => {
  const { data } = await db().collection(APP_CONFIG).doc(DEFAULT_CONFIG_ID).get();
  return (data as { campaignId?: string } | null)?.campaignId ?? fallbackCampaignId();
});

/**
 * The campaign an invocation works in. The handler scopes each action (`inCampaign`): the campaign its input
 * names, or the campaign of the project or share it names; code run for a stored document (an order's payment,
 * a refund) scopes itself to that document's campaign. Outside any scope: the default campaign.
 */
const scope = new AsyncLocalStorage<string>();

export async function currentCampaignId(): Promise<string> {
  return scope.getStore() ?? defaultCampaignId();
}

/** Run `fn` with `campaignId` as the current campaign (settings, catalog, keys of every campaign-owned write). */
export function inCampaign<T>(campaignId: string, fn: () => Promise<T>): Promise<T> {
  return scope.run(campaignId, fn);
}

/** The campaign a stored document belongs to; a document from before campaigns (not migrated) is the default's. */
export async function campaignOfDoc(doc: { campaignId?: string } | null | undefined): Promise<string> {
  return doc?.campaignId ?? defaultCampaignId();
}

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

/** Every campaign (a few a year: bounded), cached for the TTL. */
export const allCampaigns = cachedFor(30_000, async (): Promise<CampaignSettings[]> =>
  (await readAll<CampaignSettings & { _id: string }>(C.campaigns)).map(({ _id, ...settings }) => ({
    ...settings,
    id: _id,
  })),
);

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

/**
 * Projects seen by this instance → their campaign (a project never changes campaign). Only projects that
 * exist are kept, so the map is bounded by the catalogs; a client's unknown id is not.
 */
const projectCampaigns = new Map<string, string>();

/**
 * The campaign a project belongs to: from the current campaign's warm catalog or this instance's memory, else
 * one read. Undefined for an unknown project (the action then answers PROJECT_NOT_FOUND in its own words).
 */
export async function campaignOfProject(projectId: string): Promise<string | undefined> {
  const known = projectCampaigns.get(projectId);
  if (known) return known;
  const current = await currentCampaignId();
  if (catalogCache(current).peek()?.has(projectId)) return current;
  const { data } = await db().collection(C.projects).doc(projectId).get();
  const campaignId = (data as Owned | null)?.campaignId;
  if (campaignId) projectCampaigns.set(projectId, campaignId);
  return campaignId;
}

/** The campaign a share link belongs to (the link's document carries it); undefined for an unknown share. */
export async function campaignOfShare(shareId: string): Promise<string | undefined> {
  const { data } = await db().collection(C.shares).doc(shareId).get();
  const share = data as (Owned & { projectId?: string }) | null;
  if (!share) return undefined;
  return share.campaignId ?? (share.projectId ? campaignOfProject(share.projectId) : undefined);
}

/**
 * The campaign an order belongs to. Its id's tag names it when exactly one known campaign has that tag (no read:
 * this runs on every payment at 10:00); otherwise one read of the order; the default's for an unknown or
 * pre-campaign order. Callers that then read the order in a transaction re-check its `campaignId`.
 */
export async function campaignOfOrder(orderId: string): Promise<string> {
  const tag = orderCampaignTag(orderId);
  if (tag) {
    const tagged = (await allCampaigns()).filter((c) => campaignTag(c.id) === tag);
    if (tagged.length === 1) return tagged[0].id;
  }
  return campaignOfDoc((await db().collection(C.orders).doc(orderId).get()).data as Owned | null);
}

/**
 * The campaign an action's input belongs to: the project's (it decides: a client's `campaignId` that disagrees
 * is refused), else the share link's, else the named `campaignId`; null when the input names none of them
 * (the default campaign then). An unknown named campaign is NOT_FOUND.
 */
export async function campaignOfInput(input: {
  campaignId?: unknown;
  projectId?: unknown;
  shareId?: unknown;
}): Promise<string | null> {
  const named = typeof input.campaignId === 'string' ? input.campaignId : undefined;
  const owner =
    typeof input.projectId === 'string'
      ? await campaignOfProject(input.projectId)
      : typeof input.shareId === 'string'
        ? await campaignOfShare(input.shareId)
        : undefined;
  if (named && owner && named !== owner)
    throw new DomainError(ErrorCode.CAMPAIGN_MISMATCH, `project belongs to campaign ${owner}, not ${named}`);
  if (owner) return owner; // a stored project's or share's campaign exists
  if (!named) return null;
  await settingsOf(named); // a client's campaignId: NOT_FOUND when unknown (cached)
  return named;
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
