import {
  account, assertBalanced, couponEntry, donationEntry, extraMatchEntry, matchEntry, paidOrderEntry, reconcile,
  refundEntries, refundEntry, sponsorStepEntry, topupEntry, totalsBySource, type JournalEntry,
} from '@domain/ledger';
import { beijingMs } from '@domain/time';

const at = beijingMs('2022-04-27', '23:59');

describe('split builders', () => {
  const don = donationEntry({ orderId: 'SX1', openid: 'o1', projectId: 'p1', amountFen: 10_000, at });
  const mat = matchEntry({ key: 'SX1', projectId: 'p1', amountFen: 1_234, at, orderId: 'SX1' });
  const xmat = matchEntry({ key: 'A9', drawKind: 'extra', projectId: 'p1', amountFen: 66, at: at + 120_000 });
  const cpn = couponEntry({ orderId: 'SX1', batchId: 'b1', projectId: 'p1', amountFen: 500, at });

  it('balance, carry Beijing day, and have ids from the business key', () => {
    for (const e of [don, mat, xmat, cpn]) expect(() => assertBalanced(e)).not.toThrow();
    expect([don._id, mat._id, xmat._id, cpn._id]).toEqual(['don_SX1', 'mat_SX1', 'xmat_A9', 'cpn_SX1']);
    expect(donationEntry({ orderId: 'SX1', openid: 'o1', projectId: 'p1', amountFen: 10_000, at })._id).toBe(don._id);
    expect(don.day).toBe('2022-04-27');
    expect(xmat.day).toBe('2022-04-28'); // 00:01 Beijing
    expect(don.postings).toEqual([
      { account: 'donor:o1', amountFen: -10_000 },
      { account: 'project:p1:public', amountFen: 10_000 },
    ]);
  });

  it('rejects floats and zero amounts', () => {
    expect(() => donationEntry({ orderId: 'x', openid: 'o', projectId: 'p', amountFen: 1.5, at })).toThrow();
    expect(() => matchEntry({ key: 'x', projectId: 'p', amountFen: 0, at })).toThrow();
  });

  it('assertBalanced catches an unbalanced entry', () => {
    expect(() => assertBalanced({ ...don, postings: [...don.postings, { account: 'x', amountFen: 1 }] })).toThrow();
  });

  it('refund reverses the donation and forfeits matches to the pool; reconcile agrees', () => {
    const refunds = refundEntries({ donation: don, coupon: cpn, matches: [mat, xmat], at: at + 3_600_000 });
    expect(refunds.map((e) => e._id)).toEqual(['ref_don_SX1', 'ref_cpn_SX1', 'forf_mat_SX1', 'forf_xmat_A9']);
    const entries = [don, mat, xmat, cpn, ...refunds];
    expect(totalsBySource(entries)).toEqual({ public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 });
    expect(
      reconcile({ entries, projectTotals: { p1: {} }, poolBudgetFen: 5_000, poolLeftFen: 5_000, sponsors: [], coupons: [{ batchId: 'b1', usedFen: 0 }] }),
    ).toEqual([]);
  });
});

describe('payment-path builders and reconcile', () => {
  const order = { _id: 'SX2', openid: 'o2', projectId: 'p2', payFen: 9_000, couponFen: 1_000, couponId: 'b7_c1' };
  const paid = paidOrderEntry({ order, matchFen: 700, atMs: at, day: '2022-04-27' });
  const extra = extraMatchEntry({ assistId: 'a1', orderId: 'SX2', projectId: 'p2', openid: 'o2', amountFen: 30, atMs: at, day: '2022-04-27' });
  const steps = sponsorStepEntry({ stepId: 'o3_20220427', sponsorId: 's1', projectId: 'p2', openid: 'o3', amountFen: 200, matchFen: 20, atMs: at, day: '2022-04-27' });
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
