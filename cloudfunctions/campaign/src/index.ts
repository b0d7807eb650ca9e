/**
 * `campaign`: a campaign's settings as the client needs them, its live stats and the server time (`get`), and
 * every campaign with its state and totals (`list`, the 往期专场 page).
 */
import { campaignInput } from '../../../domain/schemas';
import type { CampaignGetResult, CampaignListResult, CampaignTotals } from '../../../domain/api';
import { beijingDate, campaignState, isMatchingNow, nextMatchOpening, sessionPhase } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import { allCampaigns, defaultCampaignId, loadSettings } from '../../_lib/campaign';
import { totalsByCampaign, type ProjectTotals } from '../../_lib/totals';
import { poolLeftToday } from '../../_lib/pool';
import { campaignView } from '../../_lib/views';
import { rootView, sealedDays } from '../../_lib/seal';

const NO_TOTALS: CampaignTotals = { raisedFen: 0, matchedFen: 0, donorCount: 0, donationCount: 0, flowers: 0 };

const totalsOf = (t: ProjectTotals | undefined): CampaignTotals =>
  t
    ? {
        raisedFen: t.raisedFen,
        matchedFen: t.bySource.match,
        donorCount: t.firstDonors, // distinct donors of the campaign, each counted once
        donationCount: t.donations,
        flowers: t.flowers,
      }
    : NO_TOTALS;

export const main = defineFunction({
  name: 'campaign',
  schema: campaignInput,
  anonymous: ['get', 'list'],
  actions: {
    /** The named campaign (the handler scopes it; default: the default campaign), its stats its own. */
    async get(_input, ctx): Promise<CampaignGetResult> {
      const settings = await loadSettings();
      const [totals, poolLeft, days] = await Promise.all([
        totalsByCampaign(),
        poolLeftToday(settings, ctx.nowMs),
        sealedDays(settings.startDate, settings.endDate), // bounded: the session's days only
      ]);
      const nextAt = nextMatchOpening(settings, ctx.nowMs);
      const t = totalsOf(totals.get(settings.id));
      return {
        campaign: campaignView(settings),
        stats: {
          raisedFen: t.raisedFen,
          donorCount: t.donorCount,
          donationCount: t.donationCount,
          matchedFen: t.matchedFen,
          poolLeftTodayFen: poolLeft,
        },
        serverTime: new Date(ctx.nowMs).toISOString(),
        phase: sessionPhase(settings, ctx.nowMs),
        matching: isMatchingNow(settings, ctx.nowMs),
        nextMatchAt: nextAt === null ? null : new Date(nextAt).toISOString(),
        today: beijingDate(ctx.nowMs),
        roots: days.map(rootView),
      };
    },

    /** Every campaign, newest festival first, with its state on the server's clock and its totals. */
    async list(_input, ctx): Promise<CampaignListResult> {
      const [campaigns, totals, defaultId] = await Promise.all([
        allCampaigns(),
        totalsByCampaign(),
        defaultCampaignId(),
      ]);
      const sorted = [...campaigns].sort((a, b) => b.startDate.localeCompare(a.startDate) || a.id.localeCompare(b.id));
      return {
        campaigns: sorted.map((c) => ({
          id: c.id,
          name: c.name,
          shortName: c.shortName,
          region: c.region,
          organiser: c.organiser,
          startDate: c.startDate,
          endDate: c.endDate,
          warmupStartDate: c.warmupStartDate ?? null,
          poolFen: c.match.poolFen,
          primary: c.theme.primary,
          state: campaignState(c, ctx.nowMs),
          isDefault: c.id === defaultId,
          totals: totalsOf(totals.get(c.id)),
        })),
        serverTime: new Date(ctx.nowMs).toISOString(),
      };
    },
  },
});
