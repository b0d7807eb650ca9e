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

let inFlight: Promise<void> | null = null;

export const useCampaign = create<CampaignState>(() => ({
  campaign: null,
  stats: null,
  today: null,
  phase: null,
  offsetMs: 0,
  loading: false,
  error: null,
  // Calls while one is in flight share it: the app's launch prefetch and the home's first refresh are one request.
  refresh: () => (inFlight ??= load().finally(() => (inFlight = null))),
}));

async function load(): Promise<void> {
  useCampaign.setState({ loading: true });
  try {
    const sentAt = Date.now();
    // Stay on the campaign first shown, even if the default changes meanwhile.
    const res = await api.campaign.get(useCampaign.getState().campaign?.id);
    // Assume the server stamped its time half-way through the round trip.
    const midpoint = (sentAt + Date.now()) / 2;
    // Keep the same object while the settings are unchanged: screens and memoised cards skip re-rendering.
    const prev = useCampaign.getState().campaign;
    const campaign = prev && JSON.stringify(prev) === JSON.stringify(res.campaign) ? prev : res.campaign;
    setMessageCampaign(campaign);
    useCampaign.setState({
      campaign,
      stats: res.stats,
      today: res.today,
      phase: res.phase,
      offsetMs: Date.parse(res.serverTime) - midpoint,
      loading: false,
      error: null,
    });
  } catch (err) {
    useCampaign.setState({ loading: false, error: errorMessage(err) });
  }
}

export const serverNow = (): number => Date.now() + useCampaign.getState().offsetMs;

/** Load the campaign once if no screen has yet (pages reached by a deep link). */
export function ensureCampaign(): void {
  const s = useCampaign.getState();
  if (!s.campaign && !s.loading) void s.refresh();
}
