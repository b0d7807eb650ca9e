/** `campaign`: the session's settings as the client needs them, live stats and the server time. */
import { campaignInput } from '../../../domain/schemas';
import type { CampaignGetResult } from '../../../domain/api';
import { beijingDate, isMatchingNow, nextMatchOpening, sessionPhase } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import type { CampaignSettings } from '../../../domain/settings';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { db } from '../../_lib/cloud';
import { CAMPAIGN_ID, cachedFor, loadSettings, readCampaign, type Cached } from '../../_lib/campaign';
import { donorCounts, projectTotals } from '../../_lib/totals';
import { poolLeftToday } from '../../_lib/pool';
import { campaignView } from '../../_lib/views';
import { rootView, sealedDays } from '../../_lib/seal';

/** The campaign the app opens on: `app_config/default` (seeded), else the deployment's own. */
const defaultCampaignId = cachedFor(Infinity, async () => {
  const { data } = await db().collection('app_config').doc('default').get();
  return (data as { campaignId?: string } | null)?.campaignId ?? CAMPAIGN_ID();
});

/** Other campaigns' settings, cached like the deployment's; a missing id is not kept (no unbounded map). */
const others = new Map<string, Cached<CampaignSettings>>();
function settingsOf(id: string): Promise<CampaignSettings> {
  if (id === CAMPAIGN_ID()) return loadSettings();
  let load = others.get(id);
  if (!load) {
    load = cachedFor(Infinity, async () => {
      const settings = await readCampaign(id);
      if (!settings) throw new DomainError(ErrorCode.NOT_FOUND, `no campaign ${id}`);
      return settings;
    });
    others.set(id, load);
  }
  return load().catch((err) => {
    others.delete(id);
    throw err;
  });
}

export const main = defineFunction({
  name: 'campaign',
  schema: campaignInput,
  anonymous: ['get'],
  actions: {
    async get(input, ctx): Promise<CampaignGetResult> {
      const settings = await settingsOf(input.campaignId ?? (await defaultCampaignId()));
      const [totals, donors, poolLeft, days] = await Promise.all([
        projectTotals(),
        donorCounts(),
        poolLeftToday(settings, ctx.nowMs),
        sealedDays(settings.startDate, settings.endDate), // bounded: the session's days only
      ]);
      const nextAt = nextMatchOpening(settings, ctx.nowMs);
      let raisedFen = 0;
      let matchedFen = 0;
      let donationCount = 0;
      for (const t of totals.values()) {
        raisedFen += t.raisedFen;
        matchedFen += t.bySource.match;
        donationCount += t.donations;
      }
      return {
        campaign: campaignView(settings),
        stats: { raisedFen, donorCount: donors.total, donationCount, matchedFen, poolLeftTodayFen: poolLeft },
        serverTime: new Date(ctx.nowMs).toISOString(),
        phase: sessionPhase(settings, ctx.nowMs),
        matching: isMatchingNow(settings, ctx.nowMs),
        nextMatchAt: nextAt === null ? null : new Date(nextAt).toISOString(),
        today: beijingDate(ctx.nowMs),
        roots: days.map(rootView),
      };
    },
  },
});
