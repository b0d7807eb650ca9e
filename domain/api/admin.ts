/** `admin` results (federation staff and the timer) and the two WeChat Pay notification functions. */
import type { SealedRoot } from '../api';
import type { RefundStatus } from './states';

/** A refund as staff see it after asking WeChat Pay (the books move on its notification). */
export interface AdminRefundResult {
  orderId: string;
  outRefundNo: string;
  status: RefundStatus;
  refundFen: number;
  failure: { code: string; message: string; at: number } | null;
}

export interface AdminCloseExpiredResult {
  closed: number;
}

export interface AdminSettleTopupsResult {
  projects: number;
  settledFen: number;
}

export interface AdminReconcileResult {
  ok: boolean;
  problems: string[];
  /** What the seal check could not confirm yet (not failures). */
  pending: string[];
  /** Each campaign balanced on its own (its problems are also in `problems`, prefixed with its id). */
  campaigns: Array<{
    campaignId: string;
    ok: boolean;
    problems: number;
    entries: number;
    paidOrders: number;
    shards: number;
  }>;
  checked: Record<string, number>;
}

/** One bounded sealing run of the books (docs/books.md). */
export interface AdminSealResult {
  ran: boolean;
  windows: number;
  batches: number;
  entries: number;
  lateEntries: number;
  days: string[];
  frontier: string;
  caughtUp: boolean;
  elapsedMs: number;
}

export interface AdminExportRootsResult {
  format: 'json' | 'csv';
  text: string;
  roots: SealedRoot[];
}

/** What the five-minute timer trigger did (not an action: the trigger calls `admin` with Type 'Timer'). */
export interface AdminTimerResult {
  closed: number;
  topups: AdminSettleTopupsResult;
  seal: AdminSealResult;
}

/** WeChat Pay's answer format: errcode 0 acknowledges a notification, anything else asks it to retry. */
export interface CallbackAck {
  errcode: number;
  errmsg: string;
}
