/**
 * What MatchStatus shows at a given server time. Pure (no store, no clock) so the component tests can
 * render it as a native component with the time pinned through props.
 */
import { View } from '@tarojs/components';
import type { CampaignStats, CampaignView } from '@domain/api';
import { beijingDate, beijingMs, formatCountdown } from '@/utils/time';
import { formatYuan } from '@/utils/money';
import { windowClosedText } from '@/utils/rules';
import './index.scss';

/** Only the match days and window (the component tests render it from these alone). */
type MatchDays = Pick<CampaignView, 'startDate' | 'endDate' | 'matchOpensAt' | 'matchClosesAt'>;

interface Props {
  campaign: MatchDays;
  stats: CampaignStats | null;
  /** Server time in ms. */
  nowMs: number;
}

export function matchStatusText(c: MatchDays, stats: CampaignStats | null, nowMs: number): string {
  const today = beijingDate(nowMs);
  if (today > c.endDate) return '活动已结束';
  const day = today < c.startDate ? c.startDate : today;
  const opens = beijingMs(day, c.matchOpensAt);
  const closes = beijingMs(day, c.matchClosesAt);
  if (nowMs < opens)
    return `距${today < c.startDate ? '首日' : '今日'}${c.matchOpensAt}配捐开启 ${formatCountdown(opens - nowMs)}`;
  if (nowMs < closes) return `配捐进行中 · 今日剩余配捐 ${formatYuan(stats?.poolLeftTodayFen ?? 0, { wan: true })}`;
  return windowClosedText(c, day === c.endDate);
}

export default function MatchStatusView({ campaign, stats, nowMs }: Props) {
  return <View className="match-status">{matchStatusText(campaign, stats, nowMs)}</View>;
}
