/** My donations and totals; 取消 and 删除 of an unpaid order. */
import { create } from 'zustand';
import type { DonateMineResult } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';

interface MeState {
  data: DonateMineResult | null;
  loading: boolean;
  error: string | null;
  refresh: () => Promise<void>;
  /** Cancel my pending order, then reload the list. */
  cancel: (orderId: string) => Promise<void>;
  /** Remove my closed order from the list. */
  remove: (orderId: string) => Promise<void>;
}

export const useMe = create<MeState>((set, get) => ({
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
  cancel: async (orderId) => {
    await api.donate.cancel(orderId);
    await get().refresh();
  },
  remove: async (orderId) => {
    await api.donate.remove(orderId);
    const data = get().data;
    if (data) set({ data: { ...data, items: data.items.filter((d) => d.orderId !== orderId) } });
  },
}));
