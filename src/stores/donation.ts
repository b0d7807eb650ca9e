/**
 * The order being paid: create → pay → poll status until paid and the match is decided. One donation at a
 * time: a second tap while one is being created or paid joins it (one order, one pay sheet), and every
 * attempt carries a request id, so a retried call returns the same order. Leaving the page during payment
 * aborts the pay sheet and cancels its order. Once paid, every store showing the project's or the
 * session's totals is refreshed.
 */
import { create } from 'zustand';
import type { DonateCreateResult, DonateStatusResult } from '@domain/api';
import { api, type DonateInput } from '@/services/api';
import { pay } from '@/services/pay';
import { ApiError, errorMessage } from '@/services/errors';
import { refreshAfterPayment } from './refresh';

const POLL_MS = 1500;
const MAX_POLLS = 80; // ~2 minutes, then stop and let the user refresh

interface DonationState {
  orderId: string | null;
  status: DonateStatusResult | null;
  submitting: boolean;
  polling: boolean;
  error: string | null;
  /** Create the order and pay it; resolves with the orderId once payment was confirmed by the wallet. */
  donate: (input: Omit<DonateInput, 'requestId'>) => Promise<string>;
  /** 继续支付 of a pending order (我的); resolves with the orderId once paid by the wallet. */
  resume: (orderId: string) => Promise<string>;
  /** The page the payment was started from is going away: close the pay sheet and cancel its order. */
  abandon: () => void;
  startPolling: (orderId: string) => void;
  stopPolling: () => void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
/** Each polling run gets a token; a stale run (superseded or stopped) exits at its next step. */
let run = 0;
/** The donation in flight (set synchronously on the first tap, before any render can disable the button). */
let inFlight: Promise<string> | null = null;
let abortPay: AbortController | null = null;

/** Settled = nothing will change any more without user action. */
export function isSettled(s: DonateStatusResult): boolean {
  if (s.status === 'closed' || s.status === 'refunded') return true;
  return s.status === 'paid' && s.match !== null && s.match.reason !== 'pending' && !s.assist?.pending;
}

/** An id for one donation attempt (not a secret: it only groups repeats of one tap). */
export function newRequestId(): string {
  const rand = () => Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  return `r${Date.now().toString(36)}${rand()}${rand()}`;
}

async function payOrder(order: DonateCreateResult): Promise<string> {
  abortPay = new AbortController();
  try {
    await pay(order, abortPay.signal);
    return order.orderId;
  } catch (err) {
    // The donor closed the pay sheet or left the page: close the order now, so it can never be paid for a
    // page the donor is no longer on and a coupon it reserved comes straight back. Best effort — an order
    // left open still expires on its own.
    if (err instanceof ApiError && err.code === 'PAY_CANCELLED')
      void api.donate.cancel(order.orderId).catch(() => undefined);
    throw err;
  } finally {
    abortPay = null;
  }
}

export const useDonation = create<DonationState>((set, get) => {
  const once = (work: () => Promise<string>): Promise<string> => {
    if (inFlight) return inFlight;
    set({ submitting: true, error: null });
    inFlight = work()
      .catch((err) => {
        set({ error: errorMessage(err) });
        throw err;
      })
      .finally(() => {
        inFlight = null;
        set({ submitting: false });
      });
    return inFlight;
  };
  return {
    orderId: null,
    status: null,
    submitting: false,
    polling: false,
    error: null,

    donate: (input) =>
      once(async () => {
        const order = await api.donate.create({ ...input, requestId: newRequestId() });
        set({ orderId: order.orderId, status: null });
        return payOrder(order);
      }),

    resume: (orderId) =>
      once(async () => {
        const order = await api.donate.resume(orderId);
        set({ orderId: order.orderId, status: null });
        return payOrder(order);
      }),

    abandon: () => abortPay?.abort(),

    startPolling: (orderId) => {
      get().stopPolling();
      set({ orderId, polling: true, error: null, status: get().status?.orderId === orderId ? get().status : null });
      const token = ++run;
      let polls = 0;
      let refreshed = false;
      const tick = async () => {
        polls += 1;
        try {
          const status = await api.donate.status(orderId);
          if (token !== run) return;
          set({ status, error: null });
          if (status.status === 'paid' && !refreshed) {
            refreshed = true;
            refreshAfterPayment(status.projectId);
          }
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
  };
});
