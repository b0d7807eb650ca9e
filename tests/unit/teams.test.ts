/** 一起捐 pure rules: the team's money derived from journal entries, texts and goals, ranking and paging. */
import { paidOrderEntry, refundEntry } from '../../domain/ledger';
import {
  checkTeamGoal,
  checkTeamText,
  progressBp,
  rankPage,
  teamFenOf,
  teamStatus,
  teamTotals,
} from '../../domain/teams';

const order = (id: string, teamId: string | null, payFen: number, couponFen = 0) => ({
  _id: id,
  openid: `u-${id}`,
  projectId: 'p001',
  payFen,
  couponFen,
  couponId: couponFen ? 'cb01_u' : null,
  teamId,
});

describe('team money from the journal', () => {
  test('a donation through a team counts its donor and coupon money, not the match; its refund takes it back', () => {
    const paid = paidOrderEntry({
      order: order('o1', 'TM1', 1_000, 500),
      matchFen: 300,
      matchShard: 'cq:2022-04-28:0',
      atMs: 1,
      day: '2022-04-28',
    });
    expect(paid.teamId).toBe('TM1');
    expect(teamFenOf(paid)).toEqual({ teamId: 'TM1', fen: 1_500, donations: 1 });
    const refund = refundEntry({ original: paid, extras: [], topupFen: 0, atMs: 2, day: '2022-04-28' });
    expect(refund.teamId).toBe('TM1');
    expect(teamFenOf(refund)).toEqual({ teamId: 'TM1', fen: -1_500, donations: -1 });
    const other = paidOrderEntry({ order: order('o2', null, 700), matchFen: 0, matchShard: null, atMs: 3, day: 'd' });
    expect(other.teamId).toBeUndefined();
    expect(teamFenOf(other)).toBeNull();
    const second = paidOrderEntry({ order: order('o3', 'TM1', 200), matchFen: 0, matchShard: null, atMs: 4, day: 'd' });
    expect(teamTotals([paid, refund, other, second])).toEqual(new Map([['TM1', { fen: 200, donations: 1 }]]));
  });
});

describe('team rules', () => {
  test('name, line and goal', () => {
    expect(checkTeamText('  渝北跑团 ', ' 加油 ')).toEqual({ name: '渝北跑团', line: '加油' });
    expect(() => checkTeamText('   ', undefined)).toThrow(/团队名称/);
    expect(() => checkTeamText('长'.repeat(21), undefined)).toThrow(/团队名称/);
    expect(() => checkTeamText('好', '长'.repeat(61))).toThrow(/宣言/);
    expect(() => checkTeamGoal(99)).toThrow(/至少 1 元/);
    expect(() => checkTeamGoal(100.5)).toThrow();
    expect(() => checkTeamGoal(100_000_001)).toThrow();
    expect(() => checkTeamGoal(100)).not.toThrow();
  });

  test('a team is open while its creator, its project and the session allow', () => {
    expect(teamStatus({ status: 'open' }, 'fundraising', 'open')).toBe('open');
    expect(teamStatus({ status: 'open' }, 'fundraising', 'before')).toBe('open');
    expect(teamStatus({ status: 'closed' }, 'fundraising', 'open')).toBe('closed');
    expect(teamStatus({ status: 'open' }, 'closed', 'open')).toBe('closed');
    expect(teamStatus({ status: 'open' }, 'fundraising', 'after')).toBe('closed');
  });

  test('progress is capped at 100 %', () => {
    expect(progressBp(3_000, 50_000)).toBe(600);
    expect(progressBp(60_000, 50_000)).toBe(10_000);
    expect(progressBp(-5, 100)).toBe(0);
  });

  test('boards rank by raised, ties by key, and page by offset', () => {
    const rows = ['c', 'a', 'b', 'd', 'e'].map((key, i) => ({ key, name: key, raisedFen: [5, 9, 9, 1, 0][i] }));
    const first = rankPage(rows, 0, 2);
    expect(first.items.map((r) => [r.rank, r.key])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(first).toMatchObject({ nextCursor: '2', total: 5 });
    const last = rankPage(rows, 4, 2);
    expect(last.items.map((r) => [r.rank, r.key])).toEqual([[5, 'e']]);
    expect(last.nextCursor).toBeNull();
  });
});
