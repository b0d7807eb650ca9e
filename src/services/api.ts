/** Typed wrappers over the cloud functions; the shapes are the contract in domain/api.ts. */
import type {
  CampaignGetResult,
  DonateCancelResult,
  DonateCreateResult,
  DonateMineResult,
  DonateProofResult,
  ProjectEntriesResult,
  DonateStatusResult,
  Domain,
  ProjectDetail,
  ProjectSort,
  ProjectsListResult,
} from '@domain/api';
import { callFunction } from './cloud';
import type {
  AssistFlowerResult,
  AssistOpenResult,
  AssistProgressResult,
  AssistShareResult,
  CouponClaimResult,
  CouponsListResult,
  FlowersBalanceResult,
  FlowersGiveResult,
  QuizStartResult,
  QuizSubmitResult,
  StepsDonateResult,
  StepsHistoryResult,
  StepsSponsorsResult,
  StepsTodayResult,
  WeRunData,
} from './types';

export interface ProjectsQuery {
  domain?: Domain;
  q?: string;
  sort?: ProjectSort;
  cursor?: string;
  limit?: number;
}

export interface DonateInput {
  projectId: string;
  amountFen: number;
  message?: string;
  anonymous?: boolean;
  shareId?: string;
  couponId?: string;
}

/** Functions validate strictly; drop undefined/empty optionals instead of sending them. */
function compact<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

export const api = {
  campaign: {
    /** The campaign's public settings and live stats; without an id, the default campaign. */
    get: (campaignId?: string) => callFunction<CampaignGetResult>('campaign', { action: 'get', ...compact({ campaignId }) }),
  },
  projects: {
    list: (q: ProjectsQuery = {}) => callFunction<ProjectsListResult>('projects', { action: 'list', ...compact(q) }),
    get: (id: string) => callFunction<ProjectDetail>('projects', { action: 'get', id }),
    /** The project's books: journal entries page by page (cursor = the last entry id). */
    entries: (projectId: string, cursor?: string) => callFunction<ProjectEntriesResult>('projects', { action: 'entries', projectId, ...compact({ cursor }) }),
    entryProof: (projectId: string, entryId: string) =>
      callFunction<Omit<DonateProofResult, 'orderId'>>('projects', { action: 'entryProof', projectId, entryId }),
  },
  donate: {
    create: (input: DonateInput) => callFunction<DonateCreateResult>('donate', { action: 'create', ...compact(input) }),
    status: (orderId: string) => callFunction<DonateStatusResult>('donate', { action: 'status', orderId }),
    /** My donation's inclusion proof in the sealed books (proof null until sealed). */
    proof: (orderId: string) => callFunction<DonateProofResult>('donate', { action: 'proof', orderId }),
    /** Close an unpaid order the donor walked away from, so its coupon comes back at once. */
    cancel: (orderId: string) => callFunction<DonateCancelResult>('donate', { action: 'cancel', orderId }),
    /** One page of my donations (newest first); pass the previous page's `nextCursor` for the next. */
    mine: (cursor?: string) => callFunction<DonateMineResult>('donate', { action: 'mine', ...compact({ cursor }) }),
  },
  assist: {
    /** My invitation for a project (created once, then reused); the path carries only the opaque shareId. */
    share: (input: { projectId: string; showProfile?: boolean; nickname?: string }) =>
      callFunction<AssistShareResult>('assist', { action: 'share', ...compact(input) }),
    open: (shareId: string) => callFunction<AssistOpenResult>('assist', { action: 'open', shareId }),
    flower: (shareId: string) => callFunction<AssistFlowerResult>('assist', { action: 'flower', shareId }),
    progress: () => callFunction<AssistProgressResult>('assist', { action: 'progress' }),
  },
  quiz: {
    start: () => callFunction<QuizStartResult>('quiz', { action: 'start' }),
    submit: (input: { attemptId: string; answers: number[]; shareId?: string }) =>
      callFunction<QuizSubmitResult>('quiz', { action: 'submit', ...compact(input) }),
  },
  flowers: {
    balance: () => callFunction<FlowersBalanceResult>('flowers', { action: 'balance' }),
    give: (projectId: string) => callFunction<FlowersGiveResult>('flowers', { action: 'give', projectId }),
  },
  steps: {
    today: (weRunData: WeRunData) => callFunction<StepsTodayResult>('steps', { action: 'today', weRunData }),
    donate: (weRunData: WeRunData, projectId?: string) =>
      callFunction<StepsDonateResult>('steps', { action: 'donate', weRunData, ...compact({ projectId }) }),
    history: () => callFunction<StepsHistoryResult>('steps', { action: 'history' }),
    sponsors: () => callFunction<StepsSponsorsResult>('steps', { action: 'sponsors' }),
  },
  coupons: {
    list: (projectId?: string) => callFunction<CouponsListResult>('coupons', { action: 'list', ...compact({ projectId }) }),
    claim: (batchId: string) => callFunction<CouponClaimResult>('coupons', { action: 'claim', batchId }),
  },
};
