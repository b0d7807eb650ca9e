/** The console's calls to the `admin` function (typed from the contract; the server checks every role). */
import type { WireInput } from '@domain/api';
import { call } from './api';

export const adminApi = {
  whoami: () => call('admin', 'whoami', {}),
  getCampaign: (campaignId: string) => call('admin', 'getCampaign', { campaignId }),
  saveCampaign: (input: WireInput<'admin', 'saveCampaign'>) => call('admin', 'saveCampaign', input),
  redeemInvite: (code: string) => call('admin', 'redeemInvite', { code }),
  inviteOperator: (input: WireInput<'admin', 'inviteOperator'>) => call('admin', 'inviteOperator', input),
  listOperators: () => call('admin', 'listOperators', {}),
  revokeOperator: (operator: string) => call('admin', 'revokeOperator', { operator }),
  auditLog: (limit: number, cursor?: string) => call('admin', 'auditLog', { limit, cursor }),
  intakeTemplate: (format: 'csv' | 'xlsx') => call('admin', 'intakeTemplate', { format }),
  importProjects: (campaignId: string, fileID: string) => call('admin', 'importProjects', { campaignId, fileID }),
  listProjects: (input: WireInput<'admin', 'listProjects'>) => call('admin', 'listProjects', input),
  reviewProject: (input: WireInput<'admin', 'reviewProject'>) => call('admin', 'reviewProject', input),
  getDraft: (projectId: string) => call('admin', 'getDraft', { projectId }),
  editProject: (input: WireInput<'admin', 'editProject'>) => call('admin', 'editProject', input),
  postUpdate: (input: WireInput<'admin', 'postUpdate'>) => call('admin', 'postUpdate', input),
  dashboard: (campaignId: string) => call('admin', 'dashboard', { campaignId }),
  anomalies: (input: WireInput<'admin', 'anomalies'>) => call('admin', 'anomalies', input),
  refund: (orderId: string, reason?: string) => call('admin', 'refund', { orderId, reason }),
  refundStatus: (orderId: string) => call('admin', 'refundStatus', { orderId }),
  exportSettlement: (input: WireInput<'admin', 'exportSettlement'>) => call('admin', 'exportSettlement', input),
  exportLedger: (campaignId: string, format: 'csv' | 'xlsx') => call('admin', 'exportLedger', { campaignId, format }),
  exportReconcile: (format: 'csv' | 'xlsx') => call('admin', 'exportReconcile', { format }),
};
