import {
  account,
  assertBalanced,
  extraMatchEntry,
  paidOrderEntry,
  reconcile,
  refundEntry,
  sponsorStepEntry,
  topupEntry,
  totalsBySource,
  type JournalEntry,
} from '@domain/ledger';
import { beijingMs } from '@domain/time';

const at = beijingMs('2022-04-27', '23:59');

describe('payment-path builders and reconcile', () => {
  const order = { _id: 'SX2', openid: 'o2', projectId: 'p2', payFen: 9_000, couponFen: 1_000, couponId: 'b7_c1' };
  const paid = paidOrderEntry({ order, matchFen: 700, atMs: at, day: '2022-04-27' });
  const extra = extraMatchEntry({
    assistId: 'a1',
    orderId: 'SX2',
    projectId: 'p2',
    openid: 'o2',
    amountFen: 30,
    atMs: at,
    day: '2022-04-27',
  });
  const steps = sponsorStepEntry({
    stepId: 'o3_20220427',
    sponsorId: 's1',
    projectId: 'p2',
    openid: 'o3',
    amountFen: 200,
    matchFen: 20,
    atMs: at,
    day: '2022-04-27',
  });
  const top = topupEntry({ projectId: 'p2', amountFen: 900, toppedTotalFen: 900, atMs: at, day: '2022-04-27' });
  const entries: JournalEntry[] = [paid, extra, steps, top];
  const good = {
    entries,
    projectTotals: { p2: { public: 9_000, coupon: 1_000, match: 750, sponsor: 200, topup: 900 } },
    poolFen: 100_000,
    poolSpentFen: 750,
    poolBudgetFen: 100_000,
    poolLeftFen: 99_250,
    sponsors: [{ id: 's1', pledgedFen: 10_000, leftFen: 9_800, paidFen: 200 }],
    paidOrders: [{ _id: 'SX2', payFen: 9_000, couponFen: 1_000 }],
    topups: [{ projectId: 'p2', toppedFen: 900 }],
  };

  it('all balance to the fen', () => {
    expect(reconcile(good)).toEqual([]);
    expect(totalsBySource(entries)).toEqual({ public: 9_000, match: 750, sponsor: 200, coupon: 1_000, topup: 900 });
  });

  it('reports each imbalance in words', () => {
    const bad = reconcile({
      ...good,
      entries: [...entries, paid],
      projectTotals: new Map([['p2', { public: 9_001, coupon: 1_000, match: 750, sponsor: 200, topup: 900 }]]),
      poolLeftFen: 99_000,
      sponsors: [{ id: 's1', pledgedFen: 10_000, leftFen: 9_700, paidFen: 200 }],
    });
    expect(bad.some((m) => m.includes('appears twice'))).toBe(true);
    expect(bad.some((m) => m.startsWith('project p2 public'))).toBe(true);
    expect(bad.some((m) => m.startsWith('pool'))).toBe(true);
    expect(bad.some((m) => m.startsWith('sponsor s1'))).toBe(true);
  });

  it('refundEntry reverses an order and forfeits its extra matches', () => {
    const r = refundEntry(paid, 30, at + 1, '2022-04-27');
    assertBalanced(r);
    expect(totalsBySource([paid, extra, r])).toEqual({ public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 });
    expect(r.postings).toContainEqual({ account: account.pool(), amountFen: 30 });
  });
});
