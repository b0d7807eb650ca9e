/** `admin` results (federation staff and the timer) and the two WeChat Pay notification functions. */
import type { SealedRoot } from '../api';
import type { AnomalyKind, RefundStatus } from './states';
import type { CampaignSettings } from '../settings';

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
  /** Counter shards whose per-minute fields older than two hours were removed. */
  minuteFieldsPruned: number;
}

/** WeChat Pay's answer format: errcode 0 acknowledges a notification, anything else asks it to retry. */
export interface CallbackAck {
  errcode: number;
  errmsg: string;
}

/** Console results (docs/api.md). */
export interface AdminGetCampaignResult {
  campaign: CampaignSettings;
  /** The session's first day has come: money rules need an override reason to change. */
  started: boolean;
  moneyRules: string[];
}

export interface AdminSaveCampaignResult {
  campaign: CampaignSettings;
  /** Money rules changed after the session started, by an audited override (empty otherwise). */
  overridden: string[];
}

export type OperatorRole = 'admin' | 'finance' | 'reviewer' | 'org';

export interface OperatorView {
  openid: string;
  role: OperatorRole;
  orgId: string | null;
  name: string;
  since: number;
}

export interface AdminInviteResult {
  /** Shown once: only its hash is stored. */
  code: string;
  role: OperatorRole;
  orgId: string | null;
  expiresAt: number;
}

export interface AdminRedeemResult {
  operator: OperatorView;
}

export interface AdminOperatorsResult {
  operators: OperatorView[];
}

/** The operator as they were before the revocation. */
export interface AdminRevokeResult {
  revoked: OperatorView;
}

export interface AdminWhoamiResult {
  operator: OperatorView;
}

export interface AuditEntryView {
  id: string;
  at: number;
  actor: string;
  role: OperatorRole | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export interface AdminAuditLogResult {
  items: AuditEntryView[];
  nextCursor: string | null;
}

export interface ImportRejection {
  /** 1-based data row (the header is row 0). */
  row: number;
  reason: string;
}

export interface AdminImportResult {
  imported: number;
  rejected: ImportRejection[];
  /** Ids of the imported (or unchanged on re-run) projects, in file order. */
  projectIds: string[];
}

export type ConsoleProjectStatus = 'pending' | 'returned' | 'fundraising' | 'paused' | 'closed';

export interface ConsoleProject {
  id: string;
  title: string;
  org: string;
  orgId: string;
  district: string;
  domain: string;
  targetFen: number;
  status: ConsoleProjectStatus;
  reviewReason: string | null;
  updates: number;
}

/** A draft with the fields the edit form shows (those of the import sheet staff may change). */
export interface ConsoleDraft extends ConsoleProject {
  fields: {
    title: string;
    district: string;
    domain: string;
    targetFen: number;
    cover: string;
    summary: string;
    story: string;
  };
}

export interface AdminGetDraftResult {
  draft: ConsoleDraft;
}

export interface AdminListProjectsResult {
  items: ConsoleProject[];
  nextCursor: string | null;
  total: number;
}

export interface AdminReviewResult {
  project: ConsoleProject;
}

export interface AdminPostUpdateResult {
  project: ConsoleProject;
  photoURLs: string[];
}

export interface SourceTotals {
  public: number;
  match: number;
  sponsor: number;
  coupon: number;
  topup: number;
}

export interface DashboardRow extends SourceTotals {
  key: string;
  label: string;
  raisedFen: number;
  donations: number;
  projects: number;
}

/** An anomaly queue row; the bucketed kinds (machine speed, function errors) count repeats. */
export interface AnomalyView {
  id: string;
  kind: AnomalyKind;
  /** The order concerned ('' for a function error). */
  orderId: string;
  at: number;
  detail: Record<string, unknown>;
  count: number;
  lastAt: number;
}
export type DashboardAnomaly = AnomalyView;

export interface AdminAnomaliesResult {
  items: AnomalyView[];
  nextCursor: string | null;
}

export interface AdminDashboardResult {
  campaignId: string;
  at: number;
  raisedFen: number;
  bySource: SourceTotals;
  donors: number;
  donations: number;
  /** Paid donations per Beijing minute, the last 60 minutes (oldest first). */
  perMinute: Array<{ minute: string; donations: number }>;
  pool: {
    day: string;
    budgetFen: number;
    spentFen: number;
    /** The pacing curve: what may have been spent by each hour of the day (fen, cumulative). */
    curve: Array<{ hour: number; allowedFen: number }>;
  };
  byDistrict: DashboardRow[];
  byOrg: DashboardRow[];
  byDomain: DashboardRow[];
  anomalies: DashboardAnomaly[];
  projects: Record<ConsoleProjectStatus, number>;
}

export interface AdminRefundStatusResult {
  orderId: string;
  status: string;
  refund: AdminRefundResult | null;
}

export interface SettlementRow extends SourceTotals {
  orgId: string;
  org: string;
  /** Fen taken back by refunds (all sources, a positive number). */
  refunds: number;
  /** What the organisation is owed: every source less refunds. */
  netFen: number;
}

export interface AdminExportResult {
  fileID: string;
  tempFileURL: string;
  rows: number;
}

export interface AdminSettlementResult extends AdminExportResult {
  settlement: SettlementRow[];
  totals: Omit<SettlementRow, 'orgId' | 'org'>;
}
