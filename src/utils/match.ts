import type { CampaignView, DonateStatusResult, MatchOutcome, NoMatchReason } from '@domain/api';
import { formatYuan } from './money';
import { noMatchReasonText } from './rules';

/** Reasons whose text names no campaign number (the others are worded in ./rules). */
const REASONS: Partial<Record<NoMatchReason, string>> = {
  window_closed: '当日配捐已结束',
  pool_empty: '今日配捐金已用完',
  user_cap: '你今日的配捐额度已达上限',
  project_cap: '该项目今日配捐额度已满',
  not_drawn: '本次未获得配捐，感谢你的善行',
  refunded: '该笔捐款已退款',
  coupon: '爱心券部分不参与配捐',
  pending: '配捐结果计算中…',
};

/** One line describing a match outcome (result page and my donations). */
export function matchText(match: MatchOutcome | null, campaign: CampaignView | null): string {
  if (!match) return '配捐结果计算中…';
  if (match.amountFen > 0) return `腾讯基金会为你配捐 ${formatYuan(match.amountFen)}`;
  const reason = match.reason ?? 'not_drawn';
  return noMatchReasonText(reason, campaign) ?? REASONS[reason] ?? REASONS.not_drawn!;
}

export const STATUS_TEXT: Record<DonateStatusResult['status'], string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '订单已关闭',
  refunding: '退款中',
  refunded: '已退款',
};
