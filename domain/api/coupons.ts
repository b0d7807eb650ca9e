/** `coupons` (爱心券) results: the batches with my coupon of each, and a claim. */
import type { CouponStatus } from './states';

export interface CouponBatch {
  batchId: string;
  issuer: string;
  title: string;
  valueFen: number;
  left: number;
  projectIds: string[];
  /** The eligible projects' titles, in `projectIds` order (fundraising projects of the campaign only). */
  projects: Array<{ id: string; title: string }>;
  validFrom: string;
  validTo: string;
  valid: boolean;
  mine: { couponId: string; status: CouponStatus } | null;
}

export interface CouponsListResult {
  items: CouponBatch[];
}

export interface CouponClaimResult {
  couponId: string;
  batchId: string;
  valueFen: number;
  status: CouponStatus;
}
