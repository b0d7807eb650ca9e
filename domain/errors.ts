/**
 * Error codes every cloud function returns as `{ error: { code, message } }`.
 * One list so the client, the bridge and the docs speak the same words.
 */
export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN_SOURCE: 'FORBIDDEN_SOURCE',
  /** The caller is not an operator, or its role may not do this (or not to this organisation's project). */
  FORBIDDEN: 'FORBIDDEN',
  CLIENT_OPENID_REJECTED: 'CLIENT_OPENID_REJECTED',
  NOT_FOUND: 'NOT_FOUND',
  PROJECT_NOT_FOUND: 'PROJECT_NOT_FOUND',
  PROJECT_CLOSED: 'PROJECT_CLOSED',
  SESSION_CLOSED: 'SESSION_CLOSED',
  CAMPAIGN_MISMATCH: 'CAMPAIGN_MISMATCH',
  AMOUNT_TOO_SMALL: 'AMOUNT_TOO_SMALL',
  AMOUNT_TOO_LARGE: 'AMOUNT_TOO_LARGE',
  CONTENT_REJECTED: 'CONTENT_REJECTED',
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  ORDER_NOT_PAID: 'ORDER_NOT_PAID',
  /** The order can no longer be paid (closed, or paid already). */
  ORDER_NOT_PAYABLE: 'ORDER_NOT_PAYABLE',
  /** A paid order cannot be removed from 我的; only a closed (unpaid) one. */
  ORDER_NOT_REMOVABLE: 'ORDER_NOT_REMOVABLE',
  /** The same requestId was sent with a different donation (project, amount or coupon). */
  REQUEST_ID_REUSED: 'REQUEST_ID_REUSED',
  REFUND_IN_PROGRESS: 'REFUND_IN_PROGRESS',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
  RATE_LIMITED: 'RATE_LIMITED',
  SELF_ASSIST: 'SELF_ASSIST',
  ASSIST_LIMIT: 'ASSIST_LIMIT',
  SHARE_NOT_FOUND: 'SHARE_NOT_FOUND',
  QUIZ_ATTEMPT_INVALID: 'QUIZ_ATTEMPT_INVALID',
  QUIZ_LIMIT: 'QUIZ_LIMIT',
  FLOWERS_INSUFFICIENT: 'FLOWERS_INSUFFICIENT',
  STEPS_BELOW_THRESHOLD: 'STEPS_BELOW_THRESHOLD',
  ALREADY_DONATED_TODAY: 'ALREADY_DONATED_TODAY',
  CLOUDID_EXPIRED: 'CLOUDID_EXPIRED',
  CLOUDID_INVALID: 'CLOUDID_INVALID',
  SPONSORS_EXHAUSTED: 'SPONSORS_EXHAUSTED',
  COUPON_NOT_FOUND: 'COUPON_NOT_FOUND',
  COUPON_ALREADY_CLAIMED: 'COUPON_ALREADY_CLAIMED',
  COUPON_SOLD_OUT: 'COUPON_SOLD_OUT',
  COUPON_NOT_ELIGIBLE: 'COUPON_NOT_ELIGIBLE',
  COUPON_EXPIRED: 'COUPON_EXPIRED',
  COUPON_USED: 'COUPON_USED',
  REMINDER_CLOSED: 'REMINDER_CLOSED',
  /** 一起捐: no such team; it no longer takes donations; it belongs to another project; too many open. */
  TEAM_NOT_FOUND: 'TEAM_NOT_FOUND',
  TEAM_CLOSED: 'TEAM_CLOSED',
  TEAM_MISMATCH: 'TEAM_MISMATCH',
  TEAM_LIMIT: 'TEAM_LIMIT',
  CONFLICT: 'CONFLICT',
  /** A console action that the target's state does not allow (e.g. approving a closed project). */
  INVALID_STATE: 'INVALID_STATE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** Thrown inside rule/handler code; the handler wrapper turns it into `{ error }`. */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

export const isErrorResult = (value: unknown): value is { error: ApiError } =>
  typeof value === 'object' &&
  value !== null &&
  'error' in value &&
  typeof (value as { error?: { code?: unknown } }).error?.code === 'string';

/** Guards money inputs of the pure rules: fen are safe integers (never floats), at least `min`. */
export function assertFen(value: number, name: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new DomainError(ErrorCode.INVALID_INPUT, `${name} must be an integer number of fen ≥ ${min}, got ${value}`);
  }
}
