/** The campaign (its public settings), live stats and the server clock offset (countdowns run on server time). */
import { create } from 'zustand';
import type { CampaignGetResult, CampaignStats, CampaignView } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage, setMessageCampaign } from '@/services/errors';

interface CampaignState {
  campaign: CampaignView | null;
  stats: CampaignStats | null;
  /** Beijing date of the server's clock at the last fetch. */
  today: string | null;
  phase: CampaignGetResult['phase'] | null;
  /** serverTime − device time at the last fetch, in ms. */
  offsetMs: number;
  loading: boolean;
  error: string | null;
  refresh: () => Promise<void>;
}

export const useCampaign = create<CampaignState>((set, get) => ({
  campaign: null,
  stats: null,
  today: null,
  phase: null,
  offsetMs: 0,
  loading: false,
  error: null,
  refresh: async () => {
    set({ loading: true });
    try {
      const sentAt = Date.now();
      // Stay on the campaign first shown, even if the default changes meanwhile.
      const res = await api.campaign.get(get().campaign?.id);
      // Assume the server stamped its time half-way through the round trip.
      const midpoint = (sentAt + Date.now()) / 2;
      // Keep the same object while the settings are unchanged: screens and memoised cards skip re-rendering.
      const prev = get().campaign;
      const campaign = prev && JSON.stringify(prev) === JSON.stringify(res.campaign) ? prev : res.campaign;
      setMessageCampaign(campaign);
      set({
        campaign,
        stats: res.stats,
        today: res.today,
        phase: res.phase,
        offsetMs: Date.parse(res.serverTime) - midpoint,
        loading: false,
        error: null,
      });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
}));

export const serverNow = (): number => Date.now() + useCampaign.getState().offsetMs;

/** Load the campaign once if no screen has yet (pages reached by a deep link). */
export function ensureCampaign(): void {
  const s = useCampaign.getState();
  if (!s.campaign && !s.loading) void s.refresh();
}
