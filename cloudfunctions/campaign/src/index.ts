/** `campaign`: the session's settings as the client needs them, live stats and the server time. */
import { campaignInput } from '../../../domain/schemas';
import type { CampaignGetResult } from '../../../domain/api';
import { beijingDate, isMatchingNow, nextMatchOpening, sessionPhase } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import { currentCampaignId, settingsOf } from '../../_lib/campaign';
import { donorCounts, projectTotals } from '../../_lib/totals';
import { poolLeftToday } from '../../_lib/pool';
import { campaignView } from '../../_lib/views';
import { rootView, sealedDays } from '../../_lib/seal';

export const main = defineFunction({
  name: 'campaign',
  schema: campaignInput,
  anonymous: ['get'],
  actions: {
    async get(input, ctx): Promise<CampaignGetResult> {
      const settings = await settingsOf(input.campaignId ?? (await currentCampaignId()));
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
