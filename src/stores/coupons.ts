/** Love coupons (爱心券): batches for a project (donate sheet), my coupons (我的), claiming. */
import { create } from 'zustand';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';
import type { CouponBatch } from '@domain/api';

const ALL = '*';

interface CouponsState {
  /** Batches by projectId ('*' = every batch, used for my coupons). */
  byProject: Record<string, CouponBatch[]>;
  loading: boolean;
  error: string | null;
  claiming: string | null;
  load: (projectId?: string) => Promise<void>;
  /** Claim a batch; throws ApiError. Updates every cached list that holds the batch. */
  claim: (batchId: string) => Promise<void>;
}

export const useCoupons = create<CouponsState>((set, get) => ({
  byProject: {},
  loading: false,
  error: null,
  claiming: null,
  load: async (projectId) => {
    set({ loading: true, error: null });
    try {
      const res = await api.coupons.list(projectId);
      set((s) => ({ byProject: { ...s.byProject, [projectId ?? ALL]: res.items }, loading: false }));
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  claim: async (batchId) => {
    if (get().claiming) return;
    set({ claiming: batchId });
    try {
      const c = await api.coupons.claim(batchId);
      set((s) => ({
        byProject: Object.fromEntries(
          Object.entries(s.byProject).map(([k, list]) => [
            k,
            list.map((b) =>
              b.batchId === batchId
                ? { ...b, left: Math.max(0, b.left - 1), mine: { couponId: c.couponId, status: c.status } }
                : b,
            ),
          ]),
        ),
      }));
    } finally {
      set({ claiming: null });
    }
  },
}));

export const ALL_COUPONS = ALL;

export const COUPON_STATUS_TEXT = { claimed: '可使用', reserved: '使用中', used: '已使用' } as const;

const covered = new WeakMap<CouponBatch[], ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/**
 * Projects an open batch covers (valid now, and one left to claim or mine unused): the card badge, derived from the
 * one cached list of every batch — no request per card. Memoised per list, so cards keep stable props.
 */
export function couponProjectIds(list: CouponBatch[] | undefined): ReadonlySet<string> {
  if (!list) return NONE;
  let ids = covered.get(list);
  if (!ids) {
    const open = list.filter((b) => b.valid && (b.mine ? b.mine.status === 'claimed' : b.left > 0));
    ids = new Set(open.flatMap((b) => b.projectIds));
    covered.set(list, ids);
  }
  return ids;
}
