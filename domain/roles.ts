/**
 * Console roles and which of them may run each `admin` action (the one table requireRole reads).
 * The federation admin may run everything; organisation staff are further limited to their own
 * organisation's projects by the action itself.
 */
export const ROLES = ['admin', 'finance', 'reviewer', 'org'] as const;
export type Role = (typeof ROLES)[number];

/** Every `admin` action and the roles allowed to call it (`admin` is implied everywhere). */
export const ADMIN_ACTION_ROLES = {
  refund: ['finance'],
  refundStatus: ['finance'],
  closeExpired: [],
  settleTopups: [],
  reconcile: ['finance'],
  seal: [],
  exportRoots: ['finance'],
  inviteOperator: [],
  listOperators: [],
  revokeOperator: [],
  whoami: ['finance', 'reviewer', 'org'],
  getCampaign: [],
  saveCampaign: [],
  auditLog: [],
  importProjects: ['org'],
  intakeTemplate: ['reviewer', 'org'],
  listProjects: ['reviewer', 'org'],
  reviewProject: ['reviewer'],
  getDraft: ['org'],
  editProject: ['org'],
  postUpdate: ['org'],
  dashboard: ['finance', 'reviewer'],
  anomalies: ['finance', 'reviewer'],
  exportSettlement: ['finance'],
  exportLedger: ['finance'],
  exportReconcile: ['finance'],
} as const satisfies Record<string, readonly Role[]>;

export type GuardedAdminAction = keyof typeof ADMIN_ACTION_ROLES;

export function rolesFor(action: GuardedAdminAction): readonly Role[] {
  return ['admin', ...ADMIN_ACTION_ROLES[action]];
}

/** One-time invitation codes: how long one stays valid and how long it is (base-32 letters). */
export const INVITE_TTL_MS = 72 * 3600_000;
export const INVITE_CODE_LENGTH = 12;
/** Invitations an admin may leave open at once (the collection cannot grow without bound). */
export const OPEN_INVITES_MAX = 200;
