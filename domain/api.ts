/**
 * The wire contract of every cloud function action: what the client sends and gets back, declared once.
 * `Contract` (./api/contract.ts) maps function × action to input (z.infer of ./schemas) and output; the
 * shared views live here, each function's own results in ./api/<function>.ts, the closed status and
 * reason unions in ./api/states.ts. Handlers are type-checked against it, the app's services typed from it.
 */
import type { EntryKind } from './ledger';
import type { AssistAction, NoMatchReason, OrderStatus, ProjectStatus, SessionPhase } from './api/states';

export * from './api/states';
export * from './api/contract';
export * from './api/assist';
export * from './api/quiz';
export * from './api/flowers';
export * from './api/steps';
export * from './api/coupons';
export * from './api/admin';
export * from './api/share';
export * from './api/users';
export * from './api/teams';

export const DOMAINS = [
  '产业帮扶',
  '养老帮扶',
  '教育帮扶',
  '人才帮扶',
  '儿童关爱帮扶',
  '扶弱济困',
  '生态振兴',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** Where a project's money comes from: the one list every source type, zero row and counter field derives from. */
export const MONEY_SOURCES = ['public', 'match', 'sponsor', 'coupon', 'topup'] as const;
export type MoneySource = (typeof MONEY_SOURCES)[number];
/** A zero for every money source. */
export const zeroSources = (): Record<MoneySource, number> =>
  Object.fromEntries(MONEY_SOURCES.map((s) => [s, 0])) as Record<MoneySource, number>;

/**
 * The campaign's public settings: every number a screen words its rules from (the client hard-codes no
 * session). Pacing internals (shards, release shares, draw bounds, chances) stay on the server.
 */
export interface CampaignView {
  id: string;
  name: string;
  shortName: string;
  region: string;
  organiser: string;
  supporters: string[];
  /** Inclusive Beijing dates "YYYY-MM-DD" of the festival (the match days). */
  startDate: string;
  endDate: string;
  /** Warm-up start (steps may run from here), null when the campaign has none. */
  warmupStartDate: string | null;
  /** Beijing "HH:mm" the daily match opens. */
  matchOpensAt: string;
  matchClosesAt: string;
  minDonationFen: number;
  maxDonationFen: number;
  match: {
    poolFen: number;
    minDonationFen: number;
    userDailyCapFen: number;
    projectDailyCapFen: number;
    maxDonationsPerMinute: number;
  };
  assist: { actions: AssistAction[]; maxAssistsPerDay: number; maxExtraDrawsPerDonation: number };
  quiz: { questionsPerAttempt: number; passMark: number; attemptsPerDay: number };
  flowers: { perDonation: number; donateDailyCap: number; quizDailyCap: number; stepsDailyCap: number };
  /** 一块走 runs on its own inclusive dates (it may start in the warm-up, before the match days). */
  steps: { threshold: number; startDate: string; endDate: string };
  domains: Array<{ id: string; name: string; color: string }>;
  certificate: { prefix: string; title: string; wording: string };
  theme: { primary: string; bannerTitle: string; bannerSubtitle: string; slogan: string | null };
  /** 配捐开启提醒: the template the client asks WeChat to let it send, and how early it goes out. */
  reminder: { templateId: string; leadMinutes: number };
}

export interface CampaignStats {
  raisedFen: number;
  donorCount: number;
  donationCount: number;
  matchedFen: number;
  poolLeftTodayFen: number;
}

export interface CampaignGetResult {
  campaign: CampaignView;
  stats: CampaignStats;
  /** ISO-8601 instant of the server's clock (the demo clock locally). */
  serverTime: string;
  /** "before" | "open" | "after" the session; "matching" tells if today's window is open now. */
  phase: SessionPhase;
  matching: boolean;
  /** ISO-8601 instant the next match window opens (the home countdown), null after the last one opened. */
  nextMatchAt: string | null;
  /** Beijing date "YYYY-MM-DD" of serverTime. */
  today: string;
  /** Sealed day roots of the session's days, oldest first (docs/books.md). */
  roots: SealedRoot[];
}

/** Where a campaign stands on the server's clock: before its festival days, on them, or after them. */
export type CampaignState = 'upcoming' | 'live' | 'ended';

/** A campaign's running (or, once ended, final) results, from its counters. */
export interface CampaignTotals {
  raisedFen: number;
  matchedFen: number;
  donorCount: number;
  donationCount: number;
  /** Small red flowers given to its projects. */
  flowers: number;
}

/** One campaign in `campaign.list` (往期专场). */
export interface CampaignSummary {
  id: string;
  name: string;
  shortName: string;
  region: string;
  organiser: string;
  startDate: string;
  endDate: string;
  warmupStartDate: string | null;
  poolFen: number;
  primary: string;
  state: CampaignState;
  /** The campaign the app opens on. */
  isDefault: boolean;
  totals: CampaignTotals;
}

export interface CampaignListResult {
  /** Newest festival first. */
  campaigns: CampaignSummary[];
  serverTime: string;
}

export interface ProjectCard {
  id: string;
  title: string;
  org: string;
  district: string;
  domain: Domain;
  cover: string;
  /** The card's photo (a cloud storage fileID; the client resolves temporary URLs in batches), or null. */
  photo: string | null;
  summary: string;
  targetFen: number;
  /** Every source: public + match + sponsor + coupon + top-up. */
  raisedFen: number;
  matchedFen: number;
  donorCount: number;
  donationCount: number;
  flowers: number;
  createdAt: string;
}

export interface ProjectDetail extends ProjectCard {
  story: string;
  status: ProjectStatus;
  partner: boolean;
  bySource: Record<MoneySource, number>;
  /** The first page of the donor list (`projects.donors` pages on). */
  recentDonations: DonorRow[];
  /** Budget lines (sum = targetFen), execution plan, 善款去向 and the organisation card with the filing number. */
  page: import('./projectPage').ProjectPageInfo;
  /** The gallery: cloud storage fileIDs (the first is the card's photo). */
  photos: string[];
  /** 项目进展, newest first. */
  updates: ProjectUpdateView[];
}

/** A progress update on the project page: its photos as temporary URLs (content-checked when posted). */
export interface ProjectUpdateView {
  date: string;
  text: string;
  photos: string[];
}

/** One paid donation on a project's donor list. */
export interface DonorRow {
  /** The donor's nickname, their per-project label (爱心网友XXXX), or 匿名爱心人士. */
  name: string;
  /** The donor's avatar (a temporary URL); null for anonymous donations and donors without one. */
  avatarUrl: string | null;
  amountFen: number;
  at: string;
  message?: string;
}

export interface ProjectDonorsResult {
  items: DonorRow[];
  nextCursor: string | null;
}

export type ProjectSort = 'hot' | 'progress' | 'new';

export interface ProjectsListResult {
  items: ProjectCard[];
  nextCursor: string | null;
  total: number;
}

export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface MatchOutcome {
  amountFen: number;
  reason?: NoMatchReason;
}

export interface DonateCreateResult {
  orderId: string;
  payment: PaymentParams;
  /** Fen the user pays (after a coupon, if any). */
  payFen: number;
}

export interface DonateStatusResult {
  orderId: string;
  status: OrderStatus;
  projectId: string;
  amountFen: number;
  match: MatchOutcome | null;
  flowersEarned: number;
  /** The project's title (the result page names it). */
  projectTitle: string;
  /** The love coupon's enterprise money added on top (0 without a coupon). */
  couponFen: number;
  /** Extra matches friends' assists won for this donation so far. */
  extraMatchedFen: number;
  /** The certificate number once paid, else null. */
  certificateNo: string | null;
  /**
   * For a donation made through a friend's assist page: the friend's name and whether this friend was helped
   * (their invitation counted today); `pending` while the payment's follow-up is still recording it.
   */
  assist: { inviterName: string; helped: boolean; pending: boolean } | null;
}

export interface MyDonation {
  orderId: string;
  projectId: string;
  projectTitle: string;
  amountFen: number;
  status: DonateStatusResult['status'];
  match: MatchOutcome | null;
  createdAt: string;
  paidAt: string | null;
  anonymous: boolean;
  /** The donor's message (a 重新捐款 of a closed order carries it over). */
  message: string;
  /** When an unpaid order closes by itself (ISO-8601). */
  expiresAt: string;
  /** True when the donor cancelled it (closed), false when it expired or was paid. */
  cancelled: boolean;
  certificateNo: string | null;
}

export interface DonateMineResult {
  /** One page, newest first. */
  items: MyDonation[];
  /** Over every paid donation of the user (not just this page). */
  totals: { donatedFen: number; matchedFen: number; count: number; projects: number };
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface DonateRemoveResult {
  orderId: string;
  removed: true;
}

export interface DonateCancelResult {
  orderId: string;
  /** 'closed' once cancelled; 'pending' while WeChat Pay may still confirm a payment; else the order's state. */
  status: DonateStatusResult['status'];
}

// ---- The books (docs/books.md): published day roots, inclusion proofs, a project's entries. ----

export interface SealedRoot {
  /** Beijing date. */
  day: string;
  root: string;
  prevRoot: string;
  entries: number;
  batches: number;
  /** Net fen by source over the day's sealed entries. */
  totals: Record<MoneySource, number>;
}

/** `InclusionProof` of domain/merkle.ts, as JSON; null until the entry's batch and day are sealed. */
export interface DonateProofResult {
  orderId: string;
  entryId: string;
  proof: import('./merkle').InclusionProof | null;
}

export interface ProjectEntry {
  entryId: string;
  kind: EntryKind;
  at: string;
  /** Net fen this entry moved into the project, by source (a refund is negative). */
  bySource: Record<MoneySource, number>;
  netFen: number;
  /** As the donor chose: a masked name, 匿名爱心人士, or the sponsor/federation for non-donations. */
  donor: string;
  /** Batch the entry is sealed in, or null while unsealed. */
  batchId: string | null;
}

export interface ProjectEntriesResult {
  items: ProjectEntry[];
  nextCursor: string | null;
}
