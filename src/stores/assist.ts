/** Friend assist: my invitation per project, the assist page a friend opens, and my assist progress. */
import { create } from 'zustand';
import { api } from '@/services/api';
import { ApiError, errorMessage } from '@/services/errors';
import type { AssistFlowerResult, AssistOpenResult, AssistProgressResult, AssistShareResult } from '@domain/api';

interface AssistState {
  /** My invitations by projectId (assist.share is idempotent server-side; cache it client-side). */
  shares: Record<string, AssistShareResult>;
  ensureShare: (projectId: string) => Promise<AssistShareResult>;

  /** The assist page (friend side). */
  shareId: string | null;
  view: AssistOpenResult | null;
  loading: boolean;
  error: string | null;
  flowerSending: boolean;
  flowerResult: AssistFlowerResult | null;
  flowerError: { code: string; message: string } | null;
  open: (shareId: string) => Promise<void>;
  sendFlower: () => Promise<void>;

  /** 我的助力 (inviter side). */
  progress: AssistProgressResult | null;
  progressLoading: boolean;
  progressError: string | null;
  loadProgress: () => Promise<void>;
}

export const useAssist = create<AssistState>((set, get) => ({
  shares: {},
  ensureShare: async (projectId) => {
    const cached = get().shares[projectId];
    if (cached) return cached;
    const share = await api.assist.share({ projectId });
    set((s) => ({ shares: { ...s.shares, [projectId]: share } }));
    return share;
  },

  shareId: null,
  view: null,
  loading: false,
  error: null,
  flowerSending: false,
  flowerResult: null,
  flowerError: null,
  open: async (shareId) => {
    const fresh = get().shareId !== shareId;
    set({
      shareId,
      loading: true,
      error: null,
      ...(fresh ? { view: null, flowerResult: null, flowerError: null } : {}),
    });
    try {
      const view = await api.assist.open(shareId);
      if (get().shareId === shareId) set({ view, loading: false });
    } catch (err) {
      if (get().shareId === shareId) set({ loading: false, error: errorMessage(err) });
    }
  },
  sendFlower: async () => {
    const { shareId, flowerSending } = get();
    if (!shareId || flowerSending) return;
    set({ flowerSending: true, flowerError: null });
    try {
      const flowerResult = await api.assist.flower(shareId);
      set({ flowerResult, flowerSending: false });
      // Refresh what the page shows (assisted state, project's flower count).
      void get().open(shareId);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'INTERNAL';
      set({ flowerSending: false, flowerError: { code, message: errorMessage(err) } });
    }
  },

  progress: null,
  progressLoading: false,
  progressError: null,
  loadProgress: async () => {
    set({ progressLoading: true, progressError: null });
    try {
      set({ progress: await api.assist.progress(), progressLoading: false });
    } catch (err) {
      set({ progressLoading: false, progressError: errorMessage(err) });
    }
  },
}));

/** Reset cached invitations (e.g. after the H5 dev identity changed). */
export const resetAssistShares = () => useAssist.setState({ shares: {} });
