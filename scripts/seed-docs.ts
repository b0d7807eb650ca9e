/**
 * The seeded campaigns as database documents, keyed by collection. Deterministic `_id`s make seeding idempotent (an
 * existing document is left as it is), locally and when imported to CloudBase. Every campaign-owned document carries
 * its `campaignId`; Chongqing keeps its original ids (p001…, q001…, s01…), Hubei's are prefixed (hb001…, hq001…,
 * hs01…).
 */
import { parseCampaign } from '../domain/campaignSchema';
import { CAMPAIGNS, CHONGQING_2022, DEFAULT_CAMPAIGN_ID, HUBEI_2022 } from '../domain/campaigns';
import type { CampaignSettings } from '../domain/settings';
import { beijingMs } from '../domain/time';
import {
  COUPON_BATCHES,
  HUBEI_PROJECTS,
  HUBEI_QUIZ_BANK,
  HUBEI_SPONSORS,
  PROJECTS,
  QUIZ_BANK,
  SPONSORS,
  type SeedQuestion,
  type SeedSponsor,
} from '../seed';
import { C, type CouponBatchDoc, type ProjectDoc, type SponsorDoc } from '../cloudfunctions/_lib/collections';
import { EMULATOR_BUCKET, EMULATOR_ENV } from '../tools/emulator/src';
import { projectPhotoPaths } from './seed-photos';

export type Doc = Record<string, unknown> & { _id: string };
export type Docs = Record<string, Doc[]>;

/** Local operator identity: a federation admin (`operators/admin-local`, role admin). */
export const LOCAL_ADMIN_OPENID = 'admin-local';
/** `app_config/default` = `{ campaignId }`: the campaign the app opens on. */
export const APP_CONFIG = 'app_config';
export const DEFAULT_CONFIG_ID = 'default';

/** A campaign's seeded documents, `campaignId` on each. */
interface CampaignSeed {
  projects: Array<Omit<ProjectDoc, '_id' | 'status'> & { id: string }>;
  quiz: SeedQuestion[];
  sponsors: SeedSponsor[];
  coupons: CouponBatchDoc[];
}

const SEEDS: Record<string, () => CampaignSeed> = {
  [CHONGQING_2022.id]: () => ({
    projects: PROJECTS,
    quiz: QUIZ_BANK,
    sponsors: SPONSORS,
    coupons: COUPON_BATCHES.map((b) => ({
      _id: b.id,
      issuer: b.issuer,
      title: b.title,
      valueFen: b.valueFen,
      count: b.count,
      claimed: 0,
      projectIds: b.projectIds,
      validFrom: Date.parse(b.validFrom),
      validTo: Date.parse(b.validTo),
    })),
  }),
  // No love coupons in the Hubei festival (seed 003 reports none).
  [HUBEI_2022.id]: () => ({ projects: HUBEI_PROJECTS, quiz: HUBEI_QUIZ_BANK, sponsors: HUBEI_SPONSORS, coupons: [] }),
};

/**
 * The fileID of a seed photo in the local emulator's storage (`seedInto` uploads them). A CloudBase import uploads
 * `seed --export`'s photos to the same paths and rewrites the prefix to its own environment's.
 */
export const seedFileId = (cloudPath: string): string => `cloud://${EMULATOR_ENV}.${EMULATOR_BUCKET}/${cloudPath}`;

/** The campaign document: validated, so a bad edit of a shipped campaign fails the seed, not the session. */
export const campaignDoc = (c: CampaignSettings): Doc => {
  const { id, ...settings } = parseCampaign(c);
  return { _id: id, ...settings };
};

export function projectDoc(
  p: CampaignSeed['projects'][number],
  campaignId: string,
): ProjectDoc & { campaignId: string } {
  return {
    _id: p.id,
    campaignId,
    title: p.title,
    org: p.org,
    orgId: p.orgId,
    district: p.district,
    domain: p.domain,
    targetFen: p.targetFen,
    cover: p.cover,
    summary: p.summary,
    story: p.story,
    partner: p.partner,
    status: 'fundraising',
    createdAt: p.createdAt,
    updates: p.updates,
    photos: projectPhotoPaths(p.id, p.domain).map(seedFileId),
  };
}

export const sponsorDoc = (s: SeedSponsor, campaignId: string): SponsorDoc & { campaignId: string } => ({
  _id: s.id,
  campaignId,
  name: s.name,
  slogan: s.slogan,
  pledgedFen: s.pledgedFen,
  leftFen: s.pledgedFen,
  paidFen: 0,
  donations: 0,
});

/**
 * Documents of the given campaigns (default: every shipped one) and `app_config/default` pointing at
 * `defaultCampaignId` (written only where none exists: see seedInto).
 */
export function seedDocuments(
  campaignIds: readonly string[] = CAMPAIGNS.map((c) => c.id),
  defaultCampaignId: string = DEFAULT_CAMPAIGN_ID,
): Docs {
  const docs: Docs = {
    [C.campaigns]: [],
    [C.projects]: [],
    [C.quizBank]: [],
    [C.sponsors]: [],
    [C.couponBatches]: [],
    [C.operators]: [
      { _id: LOCAL_ADMIN_OPENID, role: 'admin', orgId: null, name: '本地运营人员', since: 0, invitedBy: null },
    ],
    [APP_CONFIG]: [{ _id: DEFAULT_CONFIG_ID, campaignId: defaultCampaignId }],
  };
  for (const id of campaignIds) {
    const campaign = CAMPAIGNS.find((c) => c.id === id);
    if (!campaign || !SEEDS[id])
      throw new Error(`no seed for campaign ${id} (known: ${Object.keys(SEEDS).join(', ')})`);
    const seed = SEEDS[id]();
    docs[C.campaigns].push(campaignDoc(campaign));
    // Counter shards are not seeded: the journal creates each on its first write (only written shards exist).
    for (const p of seed.projects) docs[C.projects].push(projectDoc(p, id) as unknown as Doc);
    docs[C.quizBank].push(...seed.quiz.map((q) => ({ _id: q.id, campaignId: id, ...q })));
    docs[C.sponsors].push(...seed.sponsors.map((s) => sponsorDoc(s, id) as unknown as Doc));
    docs[C.couponBatches].push(
      ...seed.coupons.map((b) => ({ ...b, usedFen: 0, used: 0, campaignId: id }) as unknown as Doc),
    );
  }
  return docs;
}

/** The demo day of a campaign: its middle festival day (Chongqing 2022-04-28, Hubei 2022-05-21). */
export function demoDateOf(c: Pick<CampaignSettings, 'startDate' | 'endDate'>): string {
  const start = Date.parse(`${c.startDate}T00:00:00Z`);
  const days = Math.round((Date.parse(`${c.endDate}T00:00:00Z`) - start) / 86_400_000);
  return new Date(start + Math.floor(days / 2) * 86_400_000).toISOString().slice(0, 10);
}

/** The demo date: the session day the local demo clock shows (today's time of day on it). */
export const DEMO_DATE = demoDateOf(CHONGQING_2022);
export const DEMO_MATCH_OPEN_MS = beijingMs(DEMO_DATE, CHONGQING_2022.match.opensAt);
