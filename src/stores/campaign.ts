/** Session, live stats and the server clock offset (countdowns run on server time, not the device's). */
import { create } from 'zustand';
import type { CampaignStats, CampaignView } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';

interface CampaignState {
  campaign: CampaignView | null;
  stats: CampaignStats | null;
  /** serverTime − device time at the last fetch, in ms. */
  offsetMs: number;
  loading: boolean;
  error: string | null;
  refresh: () => Promise<void>;
}

export const useCampaign = create<CampaignState>((set) => ({
  campaign: null,
  stats: null,
  offsetMs: 0,
  loading: false,
  error: null,
  refresh: async () => {
    set({ loading: true });
    try {
      const sentAt = Date.now();
      const res = await api.campaign.get();
      // Assume the server stamped its time half-way through the round trip.
      const midpoint = (sentAt + Date.now()) / 2;
      set({
        campaign: res.campaign,
        stats: res.stats,
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
