/**
 * Every status, kind and reason that crosses the wire, as closed unions. Lists that code also needs at
 * runtime (validation, exhaustive texts) are `as const` arrays and the union is derived from them.
 */

/** 'refunding': a refund was asked of WeChat Pay and is not confirmed yet (the money is still in the books). */
export const ORDER_STATUSES = ['pending', 'paid', 'closed', 'refunding', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Why a donation (or a step donation, or an extra draw) got no match money. */
export const NO_MATCH_REASONS = [
  'before_open', // not yet 10:00 (or outside the session)
  'window_closed', // paid before midnight but confirmed after the day's window closed
  'below_minimum',
  'pool_empty', // today's pool used up
  'user_cap', // your daily cap reached
  'project_cap',
  'rate_limited', // too many donations in a minute
  'not_drawn', // the draw did not pick this donation
  'refunded',
  'coupon', // coupon money is not matched
  'pending', // not decided yet
] as const;
export type NoMatchReason = (typeof NO_MATCH_REASONS)[number];

/** requested → processing (WeChat accepted) → succeeded (books reversed) or failed (order back to paid). */
export const REFUND_STATUSES = ['requested', 'processing', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A way a friend can help an inviter's donation to an extra match draw. */
export const ASSIST_ACTIONS = ['donate', 'quiz', 'flower'] as const;
export type AssistAction = (typeof ASSIST_ACTIONS)[number];

/** Why a help is refused outright (nothing recorded). */
export const ASSIST_REFUSALS = ['self', 'already_assisted', 'daily_limit', 'inviter_not_donated'] as const;
export type AssistRefusal = (typeof ASSIST_REFUSALS)[number];
/** Why a recorded help earned no extra draw. */
export type AssistNoDrawReason = 'draws_used_up' | 'before_open';
/** Why a help did not count or earned no draw (assist.open, assist.flower, quiz.submit). */
export type AssistReason = AssistRefusal | AssistNoDrawReason;
/** quiz.submit through a friend's link adds: only a passed quiz is help. */
export type QuizAssistReason = AssistReason | 'quiz_not_passed';

export const COUPON_STATUSES = ['claimed', 'reserved', 'used'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];

export const FLOWER_SOURCES = ['donate', 'quiz', 'steps'] as const;
export type FlowerSource = (typeof FLOWER_SOURCES)[number];
export type FlowerEventKind = 'earn' | 'give';

export type ProjectStatus = 'fundraising' | 'closed';
export type SessionPhase = 'before' | 'open' | 'after';

/**
 * What the console's anomaly queue lists: payments whose amount or payer does not match the order, refunds that
 * failed or did not match, users refused a match for machine speed, and uncaught function errors.
 */
export const ANOMALY_KINDS = [
  'payer_mismatch',
  'amount_mismatch',
  'refund_failed',
  'refund_mismatch',
  'rate_limited',
  'function_error',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
