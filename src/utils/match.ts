import type { DonateStatusResult, MatchOutcome, NoMatchReason } from '@domain/api';
import { formatYuan } from './money';

const REASONS: Record<NoMatchReason, string> = {
  before_open: '未到10:00配捐时间',
  window_closed: '当日配捐已结束',
  pool_empty: '今日配捐金已用完',
  user_cap: '你今日的配捐额度已达上限',
  rate_limited: '捐款过于频繁（1分钟内超过4笔）本笔不参与配捐',
  project_cap: '该项目今日配捐额度已满',
  not_drawn: '本次未获得配捐，感谢你的善行',
  below_minimum: '单笔满1元才有配捐机会',
  refunded: '该笔捐款已退款',
  coupon: '爱心券部分不参与配捐',
  pending: '配捐结果计算中…',
};

/** One line describing a match outcome (result page and my donations). */
export function matchText(match: MatchOutcome | null): string {
  if (!match) return '配捐结果计算中…';
  if (match.amountFen > 0) return `腾讯基金会为你配捐 ${formatYuan(match.amountFen)}`;
  return REASONS[match.reason ?? 'not_drawn'];
}

export const STATUS_TEXT: Record<DonateStatusResult['status'], string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '订单已关闭',
  refunded: '已退款',
};
