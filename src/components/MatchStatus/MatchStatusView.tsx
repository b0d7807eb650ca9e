/**
 * What MatchStatus shows at a given server time. Pure (no store, no clock) so the component tests can
 * render it as a native component with the time pinned through props.
 */
import { View } from '@tarojs/components';
import type { CampaignStats, CampaignView } from '@domain/api';
import { beijingDate, beijingMs, formatCountdown } from '@/utils/time';
import { formatYuan } from '@/utils/money';
import './index.scss';

interface Props {
  campaign: CampaignView;
  stats: CampaignStats | null;
  /** Server time in ms. */
  nowMs: number;
}

export function matchStatusText(c: CampaignView, stats: CampaignStats | null, nowMs: number): string {
  const today = beijingDate(nowMs);
  if (today > c.endDate) return '活动已结束';
  const day = today < c.startDate ? c.startDate : today;
  const opens = beijingMs(day, c.matchOpensAt);
  const closes = beijingMs(day, c.matchClosesAt);
  if (nowMs < opens) return `距${today < c.startDate ? '首日' : '今日'}${c.matchOpensAt}配捐开启 ${formatCountdown(opens - nowMs)}`;
  if (nowMs < closes) return `配捐进行中 · 今日剩余配捐 ${formatYuan(stats?.poolLeftTodayFen ?? 0, { wan: true })}`;
  return day === c.endDate ? '活动已结束' : '今日配捐已结束，明日10:00再来';
}

export default function MatchStatusView({ campaign, stats, nowMs }: Props) {
  return <View className='match-status'>{matchStatusText(campaign, stats, nowMs)}</View>;
}
