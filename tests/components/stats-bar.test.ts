/** StatsBar (the home page's live totals) as a native custom component under miniprogram-simulate. */
import type { CampaignStats } from '@domain/api';
import { flush, load, render, text } from './simulate';

const BAR = 'components/StatsBar/index';

const stats: CampaignStats = {
  raisedFen: 987_654,
  donorCount: 12,
  donationCount: 15,
  matchedFen: 123_456_789,
  poolLeftTodayFen: 0,
};

/** "value label" per cell, in display order. */
function cells(comp: any): string[] {
  const all = (sel: string): string[] => comp.querySelectorAll(sel).map((n: any) => n.dom.textContent);
  const labels = all('.stats-bar__label');
  return all('.stats-bar__value').map((v, i) => `${v} ${labels[i]}`);
}

describe('StatsBar (native)', () => {
  beforeAll(() => load(BAR));

  test('four cells: raised, donors, donations, matched; money in yuan or 万', async () => {
    const comp = render(BAR, { stats });
    await flush();
    expect(cells(comp)).toEqual(['¥9,876.54 已筹', '12 捐款人数', '15 捐款笔数', '¥123.46万 已配捐']);
    expect(text(comp, '.stat-matched .stats-bar__value')).toBe('¥123.46万');
  });

  test('updates with new stats (setData)', async () => {
    const comp = render(BAR, { stats });
    await flush();
    comp.setData({ props: { stats: { ...stats, raisedFen: 50_000_000_000, donorCount: 100_000 } } });
    await flush();
    expect(text(comp, '.stat-raised .stats-bar__value')).toBe('¥50000.00万');
    expect(text(comp, '.stat-donors .stats-bar__value')).toBe('100000');
  });
});
