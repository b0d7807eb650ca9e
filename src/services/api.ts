/**
 * Typed wrappers over the cloud functions. Every input and result type comes from the one contract in
 * domain/api (`Contract`), the same declarations the functions' handlers are checked against.
 */
import type { ActionFunctionName, ActionName, CallbackName, OutputOf, WeRunData, WireInput } from '@domain/api';
import { callFunction } from './cloud';

/** The functions the app calls (WeChat Pay alone calls the callbacks). */
type AppFunction = Exclude<ActionFunctionName, CallbackName>;

/** One action of one function: the input and the result are the contract's (a failure throws ApiError). */
export function call<F extends AppFunction, K extends ActionName<F>>(
  fn: F,
  action: K,
  input: WireInput<F, K>,
): Promise<OutputOf<F, K>> {
  return callFunction<OutputOf<F, K>>(fn, { action, ...compact(input as Record<string, unknown>) });
}

export type ProjectsQuery = WireInput<'projects', 'list'>;
export type DonateInput = WireInput<'donate', 'create'>;

/** Functions validate strictly: drop undefined/empty optionals instead of sending them. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

export const api = {
  campaign: {
    /** The campaign's public settings and live stats; without an id, the default campaign. */
    get: (campaignId?: string) => call('campaign', 'get', { campaignId }),
    /** Every campaign with its state and totals (往期专场). */
    list: () => call('campaign', 'list', {}),
  },
  projects: {
    /** One page of a campaign's projects (`q.campaignId`, default: the default campaign). */
    list: (q: ProjectsQuery = {}) => call('projects', 'list', q),
    get: (id: string) => call('projects', 'get', { id }),
    /** The project's donor list, a page at a time (cursor = the previous page's `nextCursor`). */
    donors: (id: string, cursor?: string) => call('projects', 'donors', { id, cursor }),
    /** The project's books: journal entries page by page (cursor = the last entry id). */
    entries: (projectId: string, cursor?: string) => call('projects', 'entries', { projectId, cursor }),
    entryProof: (projectId: string, entryId: string) => call('projects', 'entryProof', { projectId, entryId }),
  },
  donate: {
    create: (input: DonateInput) => call('donate', 'create', input),
    status: (orderId: string) => call('donate', 'status', { orderId }),
    /** My donation's inclusion proof in the sealed books (proof null until sealed). */
    proof: (orderId: string) => call('donate', 'proof', { orderId }),
    /** Close an unpaid order the donor walked away from, so its coupon comes back at once. */
    cancel: (orderId: string) => call('donate', 'cancel', { orderId }),
    /** 继续支付: the payment parameters of my pending order again. */
    resume: (orderId: string) => call('donate', 'resume', { orderId }),
    /** 删除: hide my closed order from 我的. */
    remove: (orderId: string) => call('donate', 'remove', { orderId }),
    /** One page of my donations (newest first); pass the previous page's `nextCursor` for the next. */
    mine: (cursor?: string) => call('donate', 'mine', { cursor }),
  },
  assist: {
    /** My invitation for a project (created once, then reused); the path carries only the opaque shareId. */
    share: (input: WireInput<'assist', 'share'>) => call('assist', 'share', input),
    open: (shareId: string) => call('assist', 'open', { shareId }),
    flower: (shareId: string) => call('assist', 'flower', { shareId }),
    progress: () => call('assist', 'progress', {}),
  },
  remind: {
    /** Store my 配捐开启提醒 for the next match opening (ask WeChat first: services/subscribe). */
    subscribe: (campaignId?: string) => call('remind', 'subscribe', { campaignId }),
  },
  share: {
    /** The share poster's mini-program code for one of my paid donations. */
    poster: (orderId: string) => call('share', 'poster', { orderId }),
  },
  quiz: {
    start: () => call('quiz', 'start', {}),
    submit: (input: WireInput<'quiz', 'submit'>) => call('quiz', 'submit', input),
  },
  flowers: {
    balance: () => call('flowers', 'balance', {}),
    give: (projectId: string) => call('flowers', 'give', { projectId }),
  },
  steps: {
    today: (weRunData: WeRunData) => call('steps', 'today', { weRunData }),
    donate: (weRunData: WeRunData, projectId?: string) => call('steps', 'donate', { weRunData, projectId }),
    history: () => call('steps', 'history', {}),
    sponsors: () => call('steps', 'sponsors', {}),
  },
  users: {
    /** My public profile (nickname and avatar), content-checked by the server. */
    setProfile: (input: WireInput<'users', 'setProfile'>) => call('users', 'setProfile', input),
    me: () => call('users', 'me', {}),
    /** 我的公益足迹: my totals across every campaign. */
    footprint: () => call('users', 'footprint', {}),
    /** Show me on the inviters leaderboard (off by default). */
    setBoardOptIn: (boardOptIn: boolean) => call('users', 'setBoardOptIn', { boardOptIn }),
  },
  teams: {
    /** 发起一起捐 on a project: name, goal in fen, a line of why. */
    create: (input: WireInput<'teams', 'create'>) => call('teams', 'create', input),
    /** A team with a page of members (cursor = the previous page's `nextCursor`). */
    get: (teamId: string, cursor?: string) => call('teams', 'get', { teamId, cursor }),
    close: (teamId: string) => call('teams', 'close', { teamId }),
    mine: () => call('teams', 'mine', {}),
  },
  boards: {
    /** One page of a leaderboard of the default campaign (or `campaignId`). */
    get: (input: WireInput<'boards', 'get'>) => call('boards', 'get', input),
  },
  coupons: {
    list: (projectId?: string) => call('coupons', 'list', { projectId }),
    claim: (batchId: string) => call('coupons', 'claim', { batchId }),
  },
};
