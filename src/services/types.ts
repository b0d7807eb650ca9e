/**
 * Return shapes of the assist / quiz / flowers / steps / coupons cloud functions, mirrored from their sources
 * (cloudfunctions/<fn>/src/index.ts). Dates are ISO-8601 strings, money is integer fen.
 */
import type { ProjectCard } from '@domain/api';

// ── assist ──────────────────────────────────────────────────────────────────
export type AssistAction = 'donate' | 'quiz' | 'flower';
/** Why a help does not count (from `assist.open`, or from a help attempt). */
export type AssistReason = 'self' | 'already_assisted' | 'inviter_not_donated' | 'daily_limit' | (string & {});
export interface ExtraDraw {
  amountFen: number;
  reason?: string;
}

export interface AssistShareResult {
  shareId: string;
  /** `/pkg-assist/assist/index?shareId=…` */
  path: string;
}

export interface AssistOpenResult {
  project: ProjectCard;
  inviter: { nickname: string; isMe: boolean };
  myActions: { assisted: boolean; action: AssistAction | null; extraDraw: ExtraDraw | null };
  canAssist: boolean;
  reason?: AssistReason;
}

export interface AssistFlowerResult {
  assisted: boolean;
  extraDraw: ExtraDraw | null;
  reason?: AssistReason;
}

export interface AssistHelper {
  /** Already masked by the server (好友XXXX). */
  name: string;
  action: AssistAction;
  at: string;
  orderId: string | null;
  extraDraw: ExtraDraw | null;
}

export interface AssistProgressItem {
  shareId: string;
  projectId: string;
  projectTitle: string;
  helpers: AssistHelper[];
  extraDraws: number;
  extraMatchedFen: number;
}

export interface AssistProgressResult {
  items: AssistProgressItem[];
  totals: { helpers: number; extraMatchedFen: number };
}

// ── quiz ────────────────────────────────────────────────────────────────────
/** A question as sent to the client: no answer. */
export interface QuizPublicQuestion {
  id: string;
  text: string;
  options: string[];
  topic?: string;
}

export interface QuizStartResult {
  attemptId: string;
  questions: QuizPublicQuestion[];
  passMark: number;
  attemptsLeft: number;
}

/** One graded question. The grader lives in domain/quiz; fields beyond `correct` are read defensively. */
export interface QuizQuestionResult {
  id?: string;
  questionId?: string;
  correct: boolean;
  /** Index of the right option. */
  answer?: number;
  /** Index the user chose. */
  chosen?: number;
  explanation?: string;
}

export interface QuizSubmitResult {
  correctCount: number;
  total: number;
  passed: boolean;
  flowersEarned: number;
  results: QuizQuestionResult[];
  assisted: boolean;
  extraDraw: ExtraDraw | null;
  assistReason?: AssistReason;
}

// ── flowers ─────────────────────────────────────────────────────────────────
export type FlowerSource = 'donate' | 'quiz' | 'steps';

export interface FlowerEvent {
  kind: 'earn' | 'give';
  source: FlowerSource | 'gift';
  count: number;
  projectId: string | null;
  at: string;
}

export interface FlowersBalanceResult {
  balance: number;
  given: number;
  earnedToday: Record<FlowerSource, number>;
  caps: Record<FlowerSource, number>;
  history: FlowerEvent[];
}

export interface FlowersGiveResult {
  given: boolean;
  projectId: string;
  balance: number;
}

// ── steps (一块走) ───────────────────────────────────────────────────────────
/** What goes to the function as `weRunData`: `Taro.cloud.CloudID(id)` on weapp, the emulator's cloudID string on H5. */
export type WeRunData = unknown;

export interface StepsTodayResult {
  steps: number;
  threshold: number;
  eligible: boolean;
  donatedToday: boolean;
  donation: { amountFen: number; sponsorId: string | null; projectId: string; steps: number } | null;
  recommendedProjectId: string;
}

export interface StepsDonateResult {
  steps: number;
  projectId: string;
  amountFen: number;
  sponsor: { id: string; name: string } | null;
  sponsorsExhausted: boolean;
  match: { amountFen: number; reason?: string } | null;
  flowersEarned: number;
}

export interface StepsHistoryItem {
  day: string;
  donated: boolean;
  steps: number;
  amountFen: number;
  sponsorName: string | null;
  matchFen: number;
  projectId: string | null;
}

export interface StepsHistoryResult {
  items: StepsHistoryItem[];
}

export interface Sponsor {
  id: string;
  name: string;
  slogan: string;
  pledgedFen: number;
  paidFen: number;
  leftFen: number;
  donations: number;
}

export interface StepsSponsorsResult {
  items: Sponsor[];
  totals: { pledgedFen: number; paidFen: number; leftFen: number };
  exhausted: boolean;
}

// ── coupons (爱心券) ─────────────────────────────────────────────────────────
export type CouponStatus = 'claimed' | 'reserved' | 'used';

export interface CouponBatch {
  batchId: string;
  issuer: string;
  title: string;
  valueFen: number;
  left: number;
  projectIds: string[];
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
