/**
 * 往期专场: every campaign with its state and totals, and one opened campaign's results (its settings, stats and
 * leading projects), read-only. Separate from `campaign` (the campaign the app runs on), which it never changes.
 */
import { create } from 'zustand';
import type { CampaignGetResult, CampaignSummary, ProjectCard } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';

/** Projects shown on a campaign's results (the most donated to first). */
export const RESULT_PROJECTS = 10;

interface Results {
  id: string;
  detail: CampaignGetResult;
  projects: ProjectCard[];
  projectCount: number;
}

interface CampaignsState {
  list: CampaignSummary[] | null;
  results: Results | null;
  loading: boolean;
  error: string | null;
  loadList: () => Promise<void>;
  open: (campaignId: string) => Promise<void>;
}

export const useCampaigns = create<CampaignsState>((set) => ({
  list: null,
  results: null,
  loading: false,
  error: null,
  loadList: async () => {
    set({ loading: true, error: null });
    try {
      const { campaigns } = await api.campaign.list();
      set({ list: campaigns, loading: false });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  open: async (campaignId) => {
    set((s) => ({ loading: true, error: null, results: s.results?.id === campaignId ? s.results : null }));
    try {
      const [detail, page] = await Promise.all([
        api.campaign.get(campaignId),
        api.projects.list({ campaignId, sort: 'hot', limit: RESULT_PROJECTS }),
      ]);
      set({
        results: { id: campaignId, detail, projects: page.items, projectCount: page.total },
        loading: false,
      });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
}));
