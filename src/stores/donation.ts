/** The order being paid: create → pay → poll status until paid and the match is decided. */
import { create } from 'zustand';
import type { DonateStatusResult } from '@domain/api';
import { api, type DonateInput } from '@/services/api';
import { pay } from '@/services/pay';
import { ApiError, errorMessage } from '@/services/errors';

const POLL_MS = 1500;
const MAX_POLLS = 80; // ~2 minutes, then stop and let the user refresh

interface DonationState {
  orderId: string | null;
  status: DonateStatusResult | null;
  submitting: boolean;
  polling: boolean;
  error: string | null;
  /** Create the order and pay it; resolves with the orderId once payment was confirmed by the wallet. */
  donate: (input: DonateInput) => Promise<string>;
  startPolling: (orderId: string) => void;
  stopPolling: () => void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
/** Each polling run gets a token; a stale run (superseded or stopped) exits at its next step. */
let run = 0;

/** Settled = nothing will change any more without user action. */
export function isSettled(s: DonateStatusResult): boolean {
  if (s.status === 'closed' || s.status === 'refunded') return true;
  return s.status === 'paid' && s.match !== null && s.match.reason !== 'pending';
}

export const useDonation = create<DonationState>((set, get) => ({
  orderId: null,
  status: null,
  submitting: false,
  polling: false,
  error: null,

  donate: async (input) => {
    set({ submitting: true, error: null });
    try {
      const order = await api.donate.create(input);
      set({ orderId: order.orderId, status: null });
      await pay(order).catch((err) => {
        // The donor closed the pay sheet: close the order now so a coupon it reserved comes straight back.
        // Best effort — an order left open still expires on its own.
        if (err instanceof ApiError && err.code === 'PAY_CANCELLED')
          void api.donate.cancel(order.orderId).catch(() => undefined);
        throw err;
      });
      return order.orderId;
    } catch (err) {
      set({ error: errorMessage(err) });
      throw err;
    } finally {
      set({ submitting: false });
    }
  },

  startPolling: (orderId) => {
    get().stopPolling();
    set({ orderId, polling: true, error: null, status: get().status?.orderId === orderId ? get().status : null });
    const token = ++run;
    let polls = 0;
    const tick = async () => {
      polls += 1;
      try {
        const status = await api.donate.status(orderId);
        if (token !== run) return;
        set({ status, error: null });
        if (isSettled(status)) return set({ polling: false });
      } catch (err) {
        if (token !== run) return;
        set({ error: errorMessage(err) });
      }
      if (polls >= MAX_POLLS) return set({ polling: false });
      timer = setTimeout(tick, POLL_MS);
    };
    void tick();
  },

  stopPolling: () => {
    run += 1;
    if (timer) clearTimeout(timer);
    timer = null;
    set({ polling: false });
  },
}));
