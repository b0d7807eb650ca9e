/**
 * Collection names and document shapes: the data model (docs/data-model.md explains each).
 * Money fields are integer fen; times are epoch ms (Beijing days are derived, stored as "YYYY-MM-DD").
 */
import type {
  AnomalyKind,
  AssistAction,
  CouponStatus,
  ExtraDraw,
  MatchOutcome,
  OrderStatus,
  RefundStatus,
} from '../../domain/api';
import type { PaidMark } from '../../domain/match';
import { PROJECT_COUNTER_SHARDS } from '../../domain/settings';

export const C = {
  /** App-wide settings and timer progress (`default`: the default campaign; `minute_prune`: pruned minutes). */
  appConfig: 'app_config',
  campaigns: 'campaigns',
  projects: 'projects',
  orders: 'orders',
  orderRequests: 'order_requests',
  users: 'users',
  journal: 'journal',
  projectCounters: 'project_counters',
  poolDays: 'pool_days',
  poolShards: 'pool_shards',
  /** Console staff: `_id` = openid ({role, orgId?}); `admins` is the pre-roles list (migrated). */
  operators: 'operators',
  admins: 'admins',
  operatorInvites: 'operator_invites',
  /** `admins`: written by every admin revocation, so concurrent ones serialise (the last admin stays). */
  operatorGuards: 'operator_guards',
  auditLog: 'audit_log',
  exports: 'exports',
  shares: 'shares',
  shareIndex: 'share_index',
  assists: 'assists',
  quizAttempts: 'quiz_attempts',
  quizBank: 'quiz_bank',
  flowerAccounts: 'flower_accounts',
  flowerEvents: 'flower_events',
  sponsors: 'sponsors',
  stepDonations: 'step_donations',
  couponBatches: 'coupon_batches',
  coupons: 'coupons',
  topups: 'topups',
  assistCounters: 'assist_counters',
  quizDays: 'quiz_days',
  refunds: 'refunds',
  matchUsers: 'match_users',
  anomalies: 'anomalies',
  donorTotals: 'donor_totals',
  appSecrets: 'app_secrets',
  reminders: 'reminders',
  shareCodes: 'share_codes',
  /** 一起捐: `teams/<teamId>` and its money's counter shards `team_counters/<teamId>_<k>` (the journal writes). */
  teams: 'teams',
  teamCounters: 'team_counters',
  /** Inviters leaderboard rows: `inviter_rows/<campaignId>_<userKey>` (friends brought; shown when opted in). */
  inviterRows: 'inviter_rows',
} as const;

export interface CouponBatchDoc {
  _id: string;
  issuer: string;
  title: string;
  valueFen: number;
  count: number;
  claimed: number;
  /** Coupon money of the batch paid into projects, and coupons used (the journal keeps both). */
  usedFen?: number;
  used?: number;
  projectIds: string[];
  validFrom: number;
  validTo: number;
}

/** One per user per batch: `_id` = `${batchId}_${userKey}`, so a second claim is a duplicate key. */
export interface CouponDoc {
  _id: string;
  batchId: string;
  openid: string;
  valueFen: number;
  status: CouponStatus;
  orderId: string | null;
  claimedAt: number;
  /** When the current reservation was made (an orphaned one is recovered after a grace period). */
  reservedAt?: number;
}

/** 'refunding': a refund was asked of WeChat Pay and is not confirmed yet (the money is still in the books). */
export type { OrderStatus };

export interface OrderDoc {
  _id: string; // = WeChat Pay out_trade_no
  /** The project's campaign: a donation belongs to one campaign. */
  campaignId: string;
  openid: string;
  projectId: string;
  /** The donor's own money (what WeChat Pay charges). */
  amountFen: number;
  payFen: number;
  /** A love coupon's enterprise money added on top (0 without a coupon). */
  couponFen: number;
  couponId: string | null;
  message: string;
  anonymous: boolean;
  shareId: string | null;
  /** 一起捐: the team the donation was made through (its entry carries it; the team's total derives from it). */
  teamId?: string | null;
  status: OrderStatus;
  createdAt: number;
  expiresAt: number;
  day: string;
  paidAt: number | null;
  transactionId: string | null;
  match: MatchOutcome | null;
  flowersEarned: number;
  /** Extra draws friends' assists earned for this donation, and what they won. */
  extraDraws: number;
  extraMatchedFen?: number;
  /** Extra (assist) matches by the pool shard they were drawn from, so a refund returns each home. */
  extraByShard?: Record<string, number>;
  /** Assist ids that claimed one of the extra draws (the claim is idempotent per assist). */
  extraDrawBy?: Record<string, number>;
  /** Pool shard the match came from (a refund forfeits it back there). */
  matchShard?: string | null;
  refundedAt?: number;
  /** The refund in flight or done (`refunds/<refundNo>`); set when a refund is requested. */
  refundNo?: string;
  /** What this order added to its donor's totals ('in'), or took back after a refund ('out'). */
  tally?: { state: 'in' | 'out'; fen: number; matchFen: number };
  /** Set when the donor cancelled the payment (the order closed at once, its coupon released). */
  cancelledAt?: number;
  /** The client's request id it was created for (donate.create's `requestId`), if any. */
  requestId?: string;
  /** Set when the donor removed the closed order from 我的 (it stays in the store, hidden). */
  hiddenAt?: number;
}

/** A donor's public profile (`_id` = openid): set by `users.setProfile`, both fields content-checked. */
export interface UserDoc {
  _id: string;
  nickname: string | null;
  /** Cloud storage file id of the avatar (`cloud://…`). */
  avatarFileID: string | null;
  /** Shown on the inviters leaderboard (users.setBoardOptIn); off unless set. */
  boardOptIn?: boolean;
  createdAt: number;
  updatedAt: number;
}

/**
 * One per (user, client request id): `_id` = `${userKey}_${requestId}`. Inserted before the order, so
 * concurrent repeats of one request converge on the first insert's `orderId` (one per order: bounded).
 */
export interface OrderRequestDoc {
  _id: string;
  orderId: string;
  createdAt: number;
}

/**
 * A refund through WeChat Pay: `_id` = out_refund_no = `R${orderId}`, so a retry (ours or staff's) reuses
 * it and WeChat treats it as the same refund. requested → processing (WeChat accepted) → succeeded (its
 * notification said SUCCESS: the ledger was reversed) or failed (refused or not refunded: order back to paid).
 */
export interface RefundDoc {
  _id: string;
  orderId: string;
  projectId: string;
  openid: string;
  totalFee: number;
  refundFee: number;
  status: RefundStatus;
  reason: string | null;
  requestedBy: string;
  requestedAt: number;
  /** Times staff asked (a retry after a failure counts again). */
  requests: number;
  /** WeChat's last answer to the refund request. */
  wx: { resultCode?: string; errCode?: string; errCodeDes?: string; refundId?: string; at: number } | null;
  failure: { code: string; message: string; at: number } | null;
  /** Earlier failures, newest last (a few at most: each needs staff to retry). */
  failures: Array<{ code: string; message: string; at: number }>;
  refundId?: string;
  succeededAt?: number;
  /** Fen of the Federation top-up taken back with the refund. */
  topupReversedFen?: number;
}

export interface ProjectDoc {
  _id: string;
  title: string;
  org: string;
  orgId: string;
  district: string;
  domain: string;
  targetFen: number;
  cover: string;
  summary: string;
  story: string;
  partner: boolean;
  /** Imported projects are 'pending' until reviewed; donors see 'fundraising' (and 'closed') ones only. */
  status: 'fundraising' | 'closed' | 'pending' | 'returned' | 'paused';
  createdAt: string;
  updates: Array<{ date: string; text: string; photos?: string[] }>;
  /** The project's photos (cloud storage fileIDs), the first one its card's; absent on older documents. */
  photos?: string[];
  /** The reviewer's last reason (returned, paused, closed). */
  reviewReason?: string | null;
}

/** One of up to N counter shards of a project (created on first write): no single hot document at 10:00. */
export interface ProjectCounterDoc {
  _id: string; // `${projectId}_${k}`
  projectId: string;
  /** The project's campaign (campaign totals aggregate its counters). */
  campaignId: string;
  public: number;
  match: number;
  sponsor: number;
  coupon: number;
  topup: number;
  donations: number;
  flowers: number;
  /** Distinct donors of the project (a user's first paid donation to it counts here). */
  donors?: number;
  /** Distinct donors of the campaign, counted on the project of each user's first paid donation. */
  firstDonors?: number;
}

export { MONEY_SOURCES as SOURCES } from '../../domain/api';
export const COUNTER_SHARDS = PROJECT_COUNTER_SHARDS;

/** An invitation link: the opaque `_id` travels in the shared path, never the inviter's openid. */
export interface ShareDoc {
  _id: string;
  /** The project's campaign: the link opens that campaign's assist page. */
  campaignId: string;
  inviter: string;
  projectId: string;
  createdAt: number;
  showProfile: boolean;
  nickname: string;
}

/** One friend's help: `_id` = inviter × project × friend × day, so a friend counts once a day. */
export interface AssistDoc {
  _id: string;
  shareId: string;
  inviter: string;
  friend: string;
  projectId: string;
  day: string;
  action: AssistAction;
  at: number;
  orderId: string | null;
  extraDraw: ExtraDraw | null;
  /** Counted and owed a draw not yet settled (a crash between the assist and its draw leaves it true). */
  drawPending?: boolean;
  /** Why the help earned no draw ('before_open', 'draws_used_up'). */
  drawReason?: string;
}

/** A friend's assists on one Beijing day in one campaign (the 30-a-day cap): `_id` = userDayId. */
export interface AssistCounterDoc {
  _id: string;
  count: number;
}

/** One quiz attempt: the drawn question ids stay server-side; answers are graded on submit only. */
export interface QuizAttemptDoc {
  _id: string;
  /** The campaign whose bank it drew from: it is submitted in that campaign. */
  campaignId?: string;
  openid: string;
  day: string;
  questionIds: string[];
  createdAt: number;
  expiresAt: number;
  submitted: boolean;
  correctCount?: number;
  passed?: boolean;
  submittedAt?: number;
  shareId?: string | null;
  flowersEarned?: number;
  /** Passed through a friend's link, and the help not yet recorded (a crash after the submit leaves it true). */
  assistPending?: boolean;
}

/** A user's quiz attempts on one Beijing day in one campaign: `_id` = userDayId (the attempts-a-day cap). */
export interface QuizDayDoc {
  _id: string;
  count: number;
}

export interface SponsorDoc {
  _id: string;
  name: string;
  slogan: string;
  pledgedFen: number;
  leftFen: number;
  paidFen: number;
  donations: number;
}

/** One per user per Beijing day and campaign: `_id` = userDayId — the database refuses a second. */
export interface StepDonationDoc {
  _id: string;
  campaignId: string;
  openid: string;
  day: string;
  steps: number;
  projectId: string;
  sponsorId: string | null;
  amountFen: number;
  match: MatchOutcome | null;
  at: number;
}

/**
 * A user's match state in one campaign: `_id` = `${campaignId}_${userKey}`. Small and bounded: a few
 * session days, `RECENT_PAID_KEPT` paid marks, the orders still open (they expire after 30 min) and
 * the projects the user has paid to (at most the catalog). Written only by that user's own payments
 * and draws, so it is never a hot document.
 */
export interface MatchUserDoc {
  _id: string;
  /** By Beijing day: fen matched (the daily cap) and paid donations that day. */
  days: Record<string, { matchedFen: number; paid: number }>;
  /** Latest paid donations by WeChat's paid time (the per-minute limit). */
  recent: PaidMark[];
  /** Orders created and not yet paid: orderId → createdAt (their payments may precede ours). */
  open: Record<string, number>;
  /** Projects this user has a paid donation to (distinct-donor counters). */
  projects: Record<string, 1>;
}

/**
 * Something staff must look at (the money still moved): deterministic `_id` per cause and order, or per bucket
 * (`rate_limited`: user and Beijing day; `function_error`: function, code and Beijing minute) counting repeats.
 */
export interface AnomalyDoc {
  _id: string;
  kind: AnomalyKind;
  /** The order concerned ('' for a function error). */
  orderId: string;
  detail: Record<string, unknown>;
  /** First seen. */
  at: number;
  /** Bucketed kinds: how often it happened in the bucket, and when last. */
  count?: number;
  lastAt?: number;
}
