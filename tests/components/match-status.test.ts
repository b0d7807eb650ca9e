/**
 * MatchStatusView (what the home MatchStatus shows at a server time) as a native custom component under
 * miniprogram-simulate. The time is pinned through props; MatchStatus itself only ticks it every second.
 */
import type { CampaignStats, CampaignView } from '@domain/api';
import { flush, load, render, text } from './simulate';

const VIEW = 'components/MatchStatus/MatchStatusView';

// The view reads only the match days and window.
const campaign: Pick<CampaignView, 'startDate' | 'endDate' | 'matchOpensAt' | 'matchClosesAt'> = {
  startDate: '2022-04-27',
  endDate: '2022-04-29',
  matchOpensAt: '10:00',
  matchClosesAt: '24:00',
};
const stats: CampaignStats = {
  raisedFen: 0,
  donorCount: 0,
  donationCount: 0,
  matchedFen: 0,
  poolLeftTodayFen: 1_666_660_000,
};

/** Server time as epoch ms from a Beijing wall clock, whatever the test machine's zone. */
const beijing = (local: string) => Date.parse(`${local}+08:00`);

async function shown(nowMs: number, props: Record<string, unknown> = {}) {
  const comp = render(VIEW, { campaign, stats, nowMs, ...props });
  await flush();
  return text(comp, '.match-status');
}

describe('MatchStatus (native)', () => {
  beforeAll(() => load(VIEW));

  test('the day before the session counts down to the first 10:00', async () => {
    expect(await shown(beijing('2022-04-26T20:00:00'))).toBe('距首日10:00配捐开启 14:00:00');
  });

  test('days ahead show a day count', async () => {
    expect(await shown(beijing('2022-04-25T09:00:00'))).toBe('距首日10:00配捐开启 2天 01:00:00');
  });

  test('a session morning counts down to today’s 10:00', async () => {
    expect(await shown(beijing('2022-04-28T09:58:30'))).toBe('距今日10:00配捐开启 00:01:30');
  });

  test('during the window: 配捐进行中 with today’s pool left in 万', async () => {
    expect(await shown(beijing('2022-04-28T15:00:00'))).toBe('配捐进行中 · 今日剩余配捐 ¥1666.66万');
    expect(await shown(beijing('2022-04-28T15:00:00'), { stats: null })).toBe('配捐进行中 · 今日剩余配捐 ¥0.00');
  });

  test('a window that closes before midnight points to tomorrow', async () => {
    expect(await shown(beijing('2022-04-27T23:00:00'), { campaign: { ...campaign, matchClosesAt: '22:00' } })).toBe(
      '今日配捐已结束，明日10:00再来',
    );
  });

  test('another campaign’s window is worded from its own opening time', async () => {
    const other = { startDate: '2022-05-20', endDate: '2022-05-22', matchOpensAt: '09:00', matchClosesAt: '22:00' };
    expect(await shown(beijing('2022-05-20T08:00:00'), { campaign: other })).toBe('距今日09:00配捐开启 01:00:00');
    expect(await shown(beijing('2022-05-21T22:30:00'), { campaign: other })).toBe('今日配捐已结束，明日09:00再来');
  });

  test('after the last day the campaign has ended', async () => {
    expect(await shown(beijing('2022-04-30T00:00:01'))).toBe('活动已结束');
  });

  test('a tick across 10:00 turns the countdown into 配捐进行中 (setData)', async () => {
    const comp = render(VIEW, { campaign, stats, nowMs: beijing('2022-04-29T09:59:59') });
    await flush();
    expect(text(comp, '.match-status')).toBe('距今日10:00配捐开启 00:00:01');
    comp.setData({ props: { campaign, stats, nowMs: beijing('2022-04-29T10:00:00') } });
    await flush();
    expect(text(comp, '.match-status')).toBe('配捐进行中 · 今日剩余配捐 ¥1666.66万');
    comp.setData({ props: { campaign, stats, nowMs: beijing('2022-04-30T00:00:00') } });
    await flush();
    expect(text(comp, '.match-status')).toBe('活动已结束');
  });
});
