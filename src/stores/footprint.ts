/** 我的公益足迹: my running totals across every campaign, and the inviters-board opt-in. */
import { create } from 'zustand';
import type { FootprintResult } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';

interface FootprintState {
  data: FootprintResult | null;
  loading: boolean;
  error: string | null;
  load: () => Promise<void>;
  setOptIn: (on: boolean) => Promise<void>;
}

export const useFootprint = create<FootprintState>((set, get) => ({
  data: null,
  loading: false,
  error: null,
  load: async () => {
    set({ loading: true, error: null });
    try {
      set({ data: await api.users.footprint(), loading: false });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  setOptIn: async (on) => {
    const { boardOptIn } = await api.users.setBoardOptIn(on);
    const data = get().data;
    if (data) set({ data: { ...data, boardOptIn } });
  },
}));
