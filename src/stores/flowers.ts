/** Small red flowers (小红花): my balance, today's earnings and history; giving one to a project. */
import { create } from 'zustand';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';
import type { FlowersBalanceResult, FlowersGiveResult } from '@domain/api';

interface FlowersState {
  data: FlowersBalanceResult | null;
  loading: boolean;
  error: string | null;
  giving: boolean;
  refresh: () => Promise<void>;
  /** Give one flower to a project; throws ApiError (e.g. FLOWERS_INSUFFICIENT). */
  give: (projectId: string) => Promise<FlowersGiveResult>;
}

export const useFlowers = create<FlowersState>((set, get) => ({
  data: null,
  loading: false,
  error: null,
  giving: false,
  refresh: async () => {
    set({ loading: true, error: null });
    try {
      set({ data: await api.flowers.balance(), loading: false });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  give: async (projectId) => {
    set({ giving: true });
    try {
      const res = await api.flowers.give(projectId);
      const data = get().data;
      if (data) set({ data: { ...data, balance: res.balance, given: data.given + 1 } });
      return res;
    } finally {
      set({ giving: false });
    }
  },
}));
