/**
 * THE wire contract: every cloud function, each action's input (inferred from its zod schema in
 * domain/schemas.ts, so validation and types cannot drift) and its result. `defineFunction` checks each
 * handler against it (cloudfunctions/_lib/handler.ts) and the app's `call` is typed from it
 * (src/services/api.ts). A failed call answers `{ error }` instead of the output (domain/errors.ts).
 */
import type { z } from 'zod';
import type * as S from '../schemas';
import type { ApiError } from '../errors';
import type {
  CampaignGetResult,
  CampaignListResult,
  DonateCancelResult,
  DonateRemoveResult,
  DonateCreateResult,
  DonateMineResult,
  DonateProofResult,
  DonateStatusResult,
  ProjectDetail,
  ProjectDonorsResult,
  ProjectEntriesResult,
  ProjectsListResult,
} from '../api';
import type { AssistFlowerResult, AssistOpenResult, AssistProgressResult, AssistShareResult } from './assist';
import type { QuizStartResult, QuizSubmitResult } from './quiz';
import type { FlowersBalanceResult, FlowersGiveResult } from './flowers';
import type { StepsDonateResult, StepsHistoryResult, StepsSponsorsResult, StepsTodayResult, WeRunData } from './steps';
import type { CouponClaimResult, CouponsListResult } from './coupons';
import type { RemindSubscribeResult, SharePosterResult } from './share';
import type { UserProfile } from './users';
import type {
  BoardOptInResult,
  BoardsGetResult,
  FootprintResult,
  TeamCloseResult,
  TeamCreateResult,
  TeamMineResult,
  TeamView,
} from './teams';
import type {
  AdminCloseExpiredResult,
  AdminExportRootsResult,
  AdminRefundResult,
  AdminReconcileResult,
  AdminSealResult,
  AdminSettleTopupsResult,
  AdminAuditLogResult,
  AdminDashboardResult,
  AdminExportResult,
  AdminImportResult,
  AdminInviteResult,
  AdminListProjectsResult,
  AdminOperatorsResult,
  AdminRevokeResult,
  AdminAnomaliesResult,
  AdminGetDraftResult,
  AdminPostUpdateResult,
  AdminRedeemResult,
  AdminRefundStatusResult,
  AdminReviewResult,
  AdminSettlementResult,
  AdminWhoamiResult,
  AdminSaveCampaignResult,
  AdminGetCampaignResult,
  CallbackAck,
} from './admin';

/** One action's input: its member of the function's discriminated union. */
type In<Schema extends z.ZodTypeAny, K extends string> = Extract<z.infer<Schema>, { action: K }>;

export type ProjectEntryProofResult = Omit<DonateProofResult, 'orderId'>;
/** WeChat Pay's notifications, as validated (extra fields tolerated). */
export type PayNotice = z.infer<typeof S.payCallbackInput>;
export type RefundNotice = z.infer<typeof S.refundCallbackInput>;

export interface Contract {
  campaign: {
    get: { input: In<typeof S.campaignInput, 'get'>; output: CampaignGetResult };
    list: { input: In<typeof S.campaignInput, 'list'>; output: CampaignListResult };
  };
  projects: {
    list: { input: In<typeof S.projectsInput, 'list'>; output: ProjectsListResult };
    get: { input: In<typeof S.projectsInput, 'get'>; output: ProjectDetail };
    donors: { input: In<typeof S.projectsInput, 'donors'>; output: ProjectDonorsResult };
    entries: { input: In<typeof S.projectsInput, 'entries'>; output: ProjectEntriesResult };
    entryProof: { input: In<typeof S.projectsInput, 'entryProof'>; output: ProjectEntryProofResult };
  };
  donate: {
    create: { input: In<typeof S.donateInput, 'create'>; output: DonateCreateResult };
    status: { input: In<typeof S.donateInput, 'status'>; output: DonateStatusResult };
    proof: { input: In<typeof S.donateInput, 'proof'>; output: DonateProofResult };
    cancel: { input: In<typeof S.donateInput, 'cancel'>; output: DonateCancelResult };
    resume: { input: In<typeof S.donateInput, 'resume'>; output: DonateCreateResult };
    remove: { input: In<typeof S.donateInput, 'remove'>; output: DonateRemoveResult };
    mine: { input: In<typeof S.donateInput, 'mine'>; output: DonateMineResult };
  };
  assist: {
    share: { input: In<typeof S.assistInput, 'share'>; output: AssistShareResult };
    open: { input: In<typeof S.assistInput, 'open'>; output: AssistOpenResult };
    flower: { input: In<typeof S.assistInput, 'flower'>; output: AssistFlowerResult };
    progress: { input: In<typeof S.assistInput, 'progress'>; output: AssistProgressResult };
  };
  quiz: {
    start: { input: In<typeof S.quizInput, 'start'>; output: QuizStartResult };
    submit: { input: In<typeof S.quizInput, 'submit'>; output: QuizSubmitResult };
  };
  flowers: {
    balance: { input: In<typeof S.flowersInput, 'balance'>; output: FlowersBalanceResult };
    give: { input: In<typeof S.flowersInput, 'give'>; output: FlowersGiveResult };
  };
  steps: {
    today: { input: In<typeof S.stepsInput, 'today'>; output: StepsTodayResult };
    donate: { input: In<typeof S.stepsInput, 'donate'>; output: StepsDonateResult };
    history: { input: In<typeof S.stepsInput, 'history'>; output: StepsHistoryResult };
    sponsors: { input: In<typeof S.stepsInput, 'sponsors'>; output: StepsSponsorsResult };
  };
  coupons: {
    list: { input: In<typeof S.couponsInput, 'list'>; output: CouponsListResult };
    claim: { input: In<typeof S.couponsInput, 'claim'>; output: CouponClaimResult };
  };
  /** 配捐开启提醒: one subscription per user per day; the timer trigger's run is RemindTimerResult. */
  remind: {
    subscribe: { input: In<typeof S.remindInput, 'subscribe'>; output: RemindSubscribeResult };
  };
  share: {
    poster: { input: In<typeof S.shareInput, 'poster'>; output: SharePosterResult };
  };
  users: {
    setProfile: { input: In<typeof S.usersInput, 'setProfile'>; output: UserProfile };
    me: { input: In<typeof S.usersInput, 'me'>; output: UserProfile };
    footprint: { input: In<typeof S.usersInput, 'footprint'>; output: FootprintResult };
    setBoardOptIn: { input: In<typeof S.usersInput, 'setBoardOptIn'>; output: BoardOptInResult };
  };
  /** 一起捐: a donor's team for a project; its total is derived from the journal. */
  teams: {
    create: { input: In<typeof S.teamsInput, 'create'>; output: TeamCreateResult };
    get: { input: In<typeof S.teamsInput, 'get'>; output: TeamView };
    close: { input: In<typeof S.teamsInput, 'close'>; output: TeamCloseResult };
    mine: { input: In<typeof S.teamsInput, 'mine'>; output: TeamMineResult };
  };
  /** Leaderboards of a campaign, kept from the counters the money transactions write. */
  boards: {
    get: { input: In<typeof S.boardsInput, 'get'>; output: BoardsGetResult };
  };
  /** Staff operations (operators only); the timer trigger's run is AdminTimerResult. */
  admin: {
    refund: { input: In<typeof S.adminInput, 'refund'>; output: AdminRefundResult };
    closeExpired: { input: In<typeof S.adminInput, 'closeExpired'>; output: AdminCloseExpiredResult };
    settleTopups: { input: In<typeof S.adminInput, 'settleTopups'>; output: AdminSettleTopupsResult };
    reconcile: { input: In<typeof S.adminInput, 'reconcile'>; output: AdminReconcileResult };
    seal: { input: In<typeof S.adminInput, 'seal'>; output: AdminSealResult };
    exportRoots: { input: In<typeof S.adminInput, 'exportRoots'>; output: AdminExportRootsResult };
    refundStatus: { input: In<typeof S.adminInput, 'refundStatus'>; output: AdminRefundStatusResult };
    inviteOperator: { input: In<typeof S.adminInput, 'inviteOperator'>; output: AdminInviteResult };
    redeemInvite: { input: In<typeof S.adminInput, 'redeemInvite'>; output: AdminRedeemResult };
    listOperators: { input: In<typeof S.adminInput, 'listOperators'>; output: AdminOperatorsResult };
    revokeOperator: { input: In<typeof S.adminInput, 'revokeOperator'>; output: AdminRevokeResult };
    whoami: { input: In<typeof S.adminInput, 'whoami'>; output: AdminWhoamiResult };
    getCampaign: { input: In<typeof S.adminInput, 'getCampaign'>; output: AdminGetCampaignResult };
    saveCampaign: { input: In<typeof S.adminInput, 'saveCampaign'>; output: AdminSaveCampaignResult };
    auditLog: { input: In<typeof S.adminInput, 'auditLog'>; output: AdminAuditLogResult };
    importProjects: { input: In<typeof S.adminInput, 'importProjects'>; output: AdminImportResult };
    intakeTemplate: { input: In<typeof S.adminInput, 'intakeTemplate'>; output: AdminExportResult };
    listProjects: { input: In<typeof S.adminInput, 'listProjects'>; output: AdminListProjectsResult };
    reviewProject: { input: In<typeof S.adminInput, 'reviewProject'>; output: AdminReviewResult };
    getDraft: { input: In<typeof S.adminInput, 'getDraft'>; output: AdminGetDraftResult };
    editProject: { input: In<typeof S.adminInput, 'editProject'>; output: AdminReviewResult };
    postUpdate: { input: In<typeof S.adminInput, 'postUpdate'>; output: AdminPostUpdateResult };
    dashboard: { input: In<typeof S.adminInput, 'dashboard'>; output: AdminDashboardResult };
    anomalies: { input: In<typeof S.adminInput, 'anomalies'>; output: AdminAnomaliesResult };
    exportSettlement: { input: In<typeof S.adminInput, 'exportSettlement'>; output: AdminSettlementResult };
    exportLedger: { input: In<typeof S.adminInput, 'exportLedger'>; output: AdminExportResult };
    exportReconcile: { input: In<typeof S.adminInput, 'exportReconcile'>; output: AdminExportResult };
  };
  /** WeChat Pay calls these with one event and no action: `notify` names it. */
  payCallback: { notify: { input: PayNotice; output: CallbackAck } };
  refundCallback: { notify: { input: RefundNotice; output: CallbackAck } };
}

export type FunctionName = keyof Contract;
/** The functions WeChat Pay calls (not the app, not defineFunction). */
export type CallbackName = 'payCallback' | 'refundCallback';
/** Functions whose event carries an `action` (built with defineFunction). */
export type ActionFunctionName = Exclude<FunctionName, CallbackName>;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
export type InputOf<F extends FunctionName, K extends ActionName<F>> = Contract[F][K] extends { input: infer I }
  ? I
  : never;
export type OutputOf<F extends FunctionName, K extends ActionName<F>> = Contract[F][K] extends { output: infer O }
  ? O
  : never;
/** Any action's input of F: the zod schema's whole union. */
export type FunctionInput<F extends FunctionName> = { [K in ActionName<F>]: InputOf<F, K> }[ActionName<F>];

/** What every function answers instead of its output when the call is refused or fails by a rule. */
export interface Failure {
  error: ApiError;
}
export type Reply<F extends FunctionName, K extends ActionName<F>> = OutputOf<F, K> | Failure;

/**
 * What the app sends for an action (besides `action`): the schema's input, except that WeRun data goes
 * out as a CloudID (weapp) and arrives decrypted by the platform.
 */
export type WireInput<F extends ActionFunctionName, K extends ActionName<F>> = Wire<Omit<InputOf<F, K>, 'action'>>;
type Wire<T> = { [P in keyof T]: P extends 'weRunData' ? WeRunData : T[P] };
