/**
 * Pure rules added for issue 5: when a help counts and draws, which donation it goes to,
 * which answers fit an attempt.
 */
import { evaluateAssist, pickDonation } from '@domain/assist';
import { answersProblem } from '@domain/quiz';
import { CHONGQING_2022 as C } from '@domain/settings';

describe('evaluateAssist', () => {
  const base = {
    inviter: 'oA',
    friend: 'oB',
    projectId: 'p1',
    day: '2022-04-27',
    alreadyCountedToday: false,
    friendAssistsToday: 0,
    inviterDonation: { orderId: 'SX1', extraDraws: 0 },
    settings: C,
  };
  it('an inviter without a paid donation: not recorded at all (the friend keeps today’s help)', () =>
    expect(evaluateAssist({ ...base, inviterDonation: null })).toEqual({
      counts: false,
      extraDraw: false,
      reason: 'inviter_not_donated',
    }));
  it('outside the match window: counts, no draw, none used up', () =>
    expect(evaluateAssist({ ...base, drawWindowOpen: false })).toEqual({
      counts: true,
      extraDraw: false,
      reason: 'before_open',
    }));
  it('draws used up wins over a closed window', () =>
    expect(
      evaluateAssist({ ...base, drawWindowOpen: false, inviterDonation: { orderId: 'SX1', extraDraws: 5 } }).reason,
    ).toBe('draws_used_up'));
  it('refusals come before the donation check', () => {
    expect(evaluateAssist({ ...base, friend: 'oA', inviterDonation: null }).reason).toBe('self');
    expect(evaluateAssist({ ...base, friendAssistsToday: 30, inviterDonation: null }).reason).toBe('daily_limit');
  });
});

describe('pickDonation', () => {
  type Order = { id: string; extraDraws?: number };
  const pick = (orders: Order[]) => pickDonation<Order>(orders, C);
  it('the newest donation with draws left, else the newest, else none', () => {
    expect(
      pick([
        { id: 'new', extraDraws: 5 },
        { id: 'old', extraDraws: 2 },
      ]),
    ).toEqual({ id: 'old', extraDraws: 2 });
    expect(
      pick([
        { id: 'new', extraDraws: 5 },
        { id: 'old', extraDraws: 5 },
      ]),
    ).toEqual({ id: 'new', extraDraws: 5 });
    expect(pick([{ id: 'new' }])).toEqual({ id: 'new' });
    expect(pick([])).toBeNull();
  });
});

describe('answersProblem', () => {
  const qs = [{ options: ['a', 'b', 'c', 'd'] }, { options: ['a', 'b'] }];
  it('one answer per question, each a real option', () => {
    expect(answersProblem(qs, [3, 1])).toBeNull();
    expect(answersProblem(qs, [3])).toMatch(/需要 2 个答案/);
    expect(answersProblem(qs, [3, 1, 0])).toMatch(/需要 2 个答案/);
    expect(answersProblem(qs, [3, 2])).toMatch(/第 2 题/);
    expect(answersProblem(qs, [-1, 0])).toMatch(/第 1 题/);
    expect(answersProblem(qs, [0.5, 0])).toMatch(/第 1 题/);
  });
});
