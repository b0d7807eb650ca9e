/**
 * The journal derives every balance from an entry's postings (cloudfunctions/_lib/journal.ts): one `$inc`
 * per balance document, the reversal moving each back. Pure: no database is touched here.
 */
import { balanceWrites } from '../../cloudfunctions/_lib/journal';
import { extraMatchEntry, paidOrderEntry, refundEntry, sponsorStepEntry, topupEntry } from '@domain/ledger';

const day = '2022-04-28';
const order = { _id: 'SX1', openid: 'o1', projectId: 'p1', payFen: 1_000, couponFen: 500, couponId: 'cb01_u1' };
const paid = paidOrderEntry({ order, matchFen: 70, matchShard: `${day}_3`, atMs: 1, day });
const extra = extraMatchEntry({
  assistId: 'a1',
  orderId: 'SX1',
  projectId: 'p1',
  openid: 'o1',
  shardId: `${day}_9`,
  amountFen: 30,
  atMs: 2,
  day,
});
const incs = (entry: Parameters<typeof balanceWrites>[0], counter = {}) =>
  Object.fromEntries(
    balanceWrites(entry, { attempt: 1, counter }).map((w) => [
      w.collection === 'project_counters' ? 'counter' : `${w.collection}/${w.id}`,
      Object.fromEntries(w.inc),
    ]),
  );

test('a paid order moves its counter shard, pool shard and coupon batch', () => {
  expect(incs(paid, { donations: 1, donors: 1, firstDonors: 0 })).toEqual({
    counter: { public: 1_000, coupon: 500, match: 70, donations: 1, donors: 1 },
    [`pool_shards/${day}_3`]: { spentFen: 70 },
    'coupon_batches/cb01': { usedFen: 500, used: 1 },
  });
});

test('a refund moves every one of them back, the extra to its own shard and the top-up to the Federation', () => {
  const r = refundEntry({ original: paid, extras: [extra], topupFen: 100, atMs: 3, day });
  expect(incs(r, { donations: -1 })).toEqual({
    counter: { public: -1_000, coupon: -500, match: -100, topup: -100, donations: -1 },
    [`pool_shards/${day}_3`]: { spentFen: -70 },
    [`pool_shards/${day}_9`]: { spentFen: -30 },
    'coupon_batches/cb01': { usedFen: -500, used: -1 },
    'topups/p1': { toppedFen: -100, reversedFen: 100 },
  });
});

test('a step donation moves the sponsor budget; a top-up the project top-up; pacing rides along', () => {
  const steps = sponsorStepEntry({
    stepId: 'u_d',
    sponsorId: 's1',
    projectId: 'p1',
    openid: 'o',
    amountFen: 200,
    matchFen: 0,
    matchShard: null,
    atMs: 1,
    day,
  });
  expect(incs(steps)).toEqual({ counter: { sponsor: 200 }, 'sponsors/s1': { leftFen: -200, paidFen: 200 } });
  expect(incs(topupEntry({ projectId: 'p1', amountFen: 90, toppedTotalFen: 90, atMs: 1, day }))).toEqual({
    counter: { topup: 90 },
    'topups/p1': { toppedFen: 90 },
  });
  const pacing = { collection: 'pool_shards', id: `${day}_3`, data: { draws: 5 } };
  const [shard] = balanceWrites(paid, { attempt: 1, with: [pacing] }).filter((w) => w.id === pacing.id);
  expect(shard).toMatchObject({ set: { draws: 5 }, inc: new Map([['spentFen', 70]]) });
  // Nothing to post: the pacing goes alone.
  expect(balanceWrites(null, { attempt: 1, with: [pacing] })).toEqual([
    { collection: 'pool_shards', id: pacing.id, inc: new Map(), set: { draws: 5 } },
  ]);
});

test('a legacy account without a shard cannot be posted', () => {
  const legacy = { ...paid, postings: [...paid.postings.slice(0, 4), { account: 'pool:foundation', amountFen: -70 }] };
  expect(() => balanceWrites(legacy, { attempt: 1 })).toThrow(/legacy/);
});
