/** Console labels: tabs (and who sees each), roles, project states, anomaly kinds. */
import type { AdminTab } from '@/stores/admin';
import type { ConsoleProjectStatus, OperatorRole } from '@domain/api/admin';
import type { AnomalyKind } from '@domain/api/states';

export const ROLE_LABELS: Record<OperatorRole, string> = {
  admin: '慈善总会管理员',
  finance: '财务',
  reviewer: '项目审核',
  org: '机构工作人员',
};

export const TABS: Array<{ id: AdminTab; label: string; roles: OperatorRole[] }> = [
  { id: 'dashboard', label: '实时看板', roles: ['admin', 'finance', 'reviewer'] },
  { id: 'campaign', label: '活动设置', roles: ['admin'] },
  { id: 'import', label: '项目导入', roles: ['admin', 'org'] },
  { id: 'review', label: '项目审核', roles: ['admin', 'reviewer', 'org'] },
  { id: 'refunds', label: '退款', roles: ['admin', 'finance'] },
  { id: 'exports', label: '结算导出', roles: ['admin', 'finance'] },
  { id: 'audit', label: '操作日志', roles: ['admin'] },
  { id: 'operators', label: '人员与邀请', roles: ['admin'] },
];

export const STATUS_LABELS: Record<ConsoleProjectStatus, string> = {
  pending: '待审核',
  returned: '已退回',
  fundraising: '筹款中',
  paused: '已暂停',
  closed: '已关闭',
};

export const ANOMALY_LABELS: Record<AnomalyKind, string> = {
  payer_mismatch: '付款人与订单不符',
  amount_mismatch: '金额与订单不符',
  refund_failed: '退款失败',
  refund_mismatch: '退款金额不符',
  rate_limited: '捐款过快（机器速度）',
  function_error: '云函数错误',
};
