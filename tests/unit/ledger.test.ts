import {
  account,
  accountKey,
  accountOf,
  assertBalanced,
  balances,
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
import { zeroSources } from '@domain/api';

const at = beijingMs('2022-04-27', '23:59');

describe('payment-path builders and reconcile', () => {
  const order = { _id: 'SX2', openid: 'o2', projectId: 'p2', payFen: 9_000, couponFen: 1_000, couponId: 'b7_c1' };
  const paid = paidOrderEntry({ order, matchFen: 700, matchShard: 'd_1', atMs: at, day: '2022-04-27' });
  const extra = extraMatchEntry({
    assistId: 'a1',
    orderId: 'SX2',
    projectId: 'p2',
    openid: 'o2',
    shardId: 'd_2',
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
    matchShard: 'd_1',
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
    poolShards: [
      { id: 'd_1', spentFen: 720 },
      { id: 'd_2', spentFen: 30 },
    ],
    poolBudgetFen: 100_000,
    poolLeftFen: 99_250,
    sponsors: [{ id: 's1', pledgedFen: 10_000, leftFen: 9_800, paidFen: 200 }],
    paidOrders: [{ _id: 'SX2', payFen: 9_000, couponFen: 1_000 }],
    topups: [{ projectId: 'p2', toppedFen: 900 }],
    coupons: [{ batchId: 'b7', usedFen: 1_000 }],
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

  it('checks each pool shard and each coupon batch', () => {
    const bad = reconcile({
      ...good,
      poolShards: [
        { id: 'd_1', spentFen: 750 },
        { id: 'd_2', spentFen: 0 },
      ],
      coupons: [{ batchId: 'b7', usedFen: 900 }],
    });
    expect(bad).toContain('pool shard d_1: journal 720 ≠ spent 750');
    expect(bad).toContain('pool shard d_2: journal 30 ≠ spent 0');
    expect(bad).toContain('coupon batch b7: journal 1000 ≠ used 900');
  });

  it('refundEntry reverses an order, its extras and the top-up: every fen back to its account', () => {
    const r = refundEntry({ original: paid, extras: [extra], topupFen: 900, atMs: at + 1, day: '2022-04-27' });
    assertBalanced(r);
    expect(r).toMatchObject({ reverses: paid._id, alsoReverses: [extra._id] });
    const net = balances([paid, extra, top, r]);
    for (const [key, fen] of net) expect([key, fen]).toEqual([key, 0]);
    expect(r.postings).toContainEqual({ account: account.pool('d_2'), amountFen: 30 });
    expect(r.postings).toContainEqual({ account: account.pool('d_1'), amountFen: 700 });
    expect(r.postings).toContainEqual({ account: account.topup('p2'), amountFen: 900 });
  });

  it('reads entries written with string accounts, and reverses them to the shards the order recorded', () => {
    const legacy: JournalEntry = {
      ...paid,
      postings: [
        { account: 'donor:o2', amountFen: -9_000 },
        { account: 'project:p2:public', amountFen: 9_000 },
        { account: 'pool:foundation', amountFen: -700 },
        { account: 'project:p2:match', amountFen: 700 },
      ],
      amountFen: 9_700,
    };
    const legacyExtra: JournalEntry = {
      ...extra,
      postings: [
        { account: 'pool:foundation', amountFen: -30 },
        { account: 'project:p2:match', amountFen: 30 },
      ],
    };
    expect(totalsBySource([legacy, legacyExtra])).toMatchObject({ public: 9_000, match: 730 });
    const r = refundEntry({
      original: legacy,
      extras: [legacyExtra],
      topupFen: 0,
      atMs: at + 1,
      day: '2022-04-27',
      legacy: { matchShard: 'd_1', extraByShard: { d_2: 30 } },
    });
    expect(r.postings).toContainEqual({ account: account.pool('d_1'), amountFen: 700 });
    expect(r.postings).toContainEqual({ account: account.pool('d_2'), amountFen: 30 });
    expect(totalsBySource([legacy, legacyExtra, r])).toEqual(zeroSources());
    expect(() => refundEntry({ original: legacy, extras: [], topupFen: 0, atMs: at, day: 'd' })).toThrow(/no shard/);
  });

  it('keys accounts one way, structured or legacy', () => {
    expect(accountKey(account.project('p2', 'match'))).toBe('project:p2:match');
    expect(accountOf('project:p2:match')).toEqual(account.project('p2', 'match'));
    expect(accountOf('federation:topup')).toEqual({ kind: 'topup', projectId: null });
    expect(() => accountOf('nowhere:1')).toThrow();
  });
});
