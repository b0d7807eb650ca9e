/** My donations and totals. */
import { create } from 'zustand';
import type { DonateMineResult } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';

interface MeState {
  data: DonateMineResult | null;
  loading: boolean;
  error: string | null;
  refresh: () => Promise<void>;
}

export const useMe = create<MeState>((set) => ({
  data: null,
  loading: false,
  error: null,
  refresh: async () => {
    set({ loading: true, error: null });
    try {
      set({ data: await api.donate.mine(), loading: false });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
}));
