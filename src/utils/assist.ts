/** Texts for friend assist (assist page, quiz result, 我的助力). */
import type { CampaignView } from '@domain/api';
import type { AssistAction, ExtraDraw, QuizAssistReason } from '@domain/api';
import { formatYuan } from './money';
import { assistWays } from './rules';

export const ASSIST_ACTION_TEXT: Record<AssistAction, string> = { donate: '捐款', quiz: '答题', flower: '送花' };

const REASONS: Partial<Record<QuizAssistReason, string>> = {
  self: '这是你自己的邀请',
  already_assisted: '今天已为 TA 助力过',
  inviter_not_donated: '好友还未捐款',
  daily_limit: '今日助力次数已达上限',
  draws_used_up: 'TA 这笔捐款的额外配捐机会已用完',
};

/** Why a help does not count, one line. */
export function assistReasonText(reason: QuizAssistReason): string {
  return REASONS[reason] ?? '本次助力未生效';
}

/** A second line with what to do about it. */
export function assistReasonHint(reason: QuizAssistReason, c: CampaignView | null): string {
  switch (reason) {
    case 'self':
      return c ? `把链接分享给好友，好友${assistWays(c)}即可为你助力` : '把链接分享给好友，邀请好友为你助力';
    case 'already_assisted':
      return '每位好友每天可为同一个项目助力一次，明天再来吧';
    case 'inviter_not_donated':
      return 'TA 捐款后你的助力才能为项目赢得额外配捐，提醒 TA 先捐一笔吧；你也可以直接为项目捐款';
    case 'daily_limit':
      return '你今天的助力次数已用完，明天再来吧';
    default:
      return '';
  }
}

export const ASSISTED_TEXT = '已为 TA 助力 · 项目获得额外配捐机会';

/** "为 TA 的项目额外赢得配捐 ¥x.xx" when the extra draw won money, else null. */
export function extraDrawText(extra: ExtraDraw | null | undefined): string | null {
  return extra && extra.amountFen > 0 ? `为 TA 的项目额外赢得配捐 ${formatYuan(extra.amountFen)}` : null;
}
