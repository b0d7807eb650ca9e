/** Words for the 往期专场 screens, from each campaign's own data (pure; no session named here). */
import type { CampaignState, CampaignSummary } from '@domain/api';
import { dateRange, wanFigure } from './rules';

export const STATE_LABELS: Record<CampaignState, string> = {
  upcoming: '即将开始',
  live: '进行中',
  ended: '已结束',
};

/** "5月20日—22日 · 配捐池 2000万元" */
export function campaignLine(c: Pick<CampaignSummary, 'startDate' | 'endDate' | 'poolFen'>): string {
  return `${dateRange(c.startDate, c.endDate)} · 配捐池 ${wanFigure(c.poolFen)}元`;
}

/** What a campaign's totals are called once it is over, and while it runs. */
export const totalsTitle = (state: CampaignState): string => (state === 'ended' ? '最终成果' : '当前成果');
