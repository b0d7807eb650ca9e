/**
 * The match lottery through the functions (real SDK, emulator, payment callbacks): a nearly empty pool
 * under 1,000 concurrent donations, caps, the per-minute limit, refunds forfeiting matches, the
 * federation top-up, and a ledger that reconciles after all of it.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { account, accountKey, accountOf } from '../../domain/ledger';
import { beijingCompact } from '../../tools/emulator/src/clock';

let b: Backend;
beforeAll(async () => {
  b = await startBackend({ randomSeed: 'match-tests' });
});
afterAll(() => b.stop());

const ADMIN = 'admin-local';

async function shards(day: string) {
  return b.emulator.db.find('pool_shards', (d) => d.day === day);
}

async function setMatchSettings(patch: Record<string, unknown>) {
  const campaign = (await b.emulator.db.get('campaigns', 'cq2022'))!;
  await b.emulator.db.put('campaigns', { ...campaign, match: { ...campaign.match, ...patch } });
}

const THOUSAND_AGAINST_EMPTY_POOL =
  '1,000 concurrent donations against a nearly empty pool: never overspent, never matched twice, sums exact';
test(
  THOUSAND_AGAINST_EMPTY_POOL,
  async () => {
    const day = '2022-04-27';
    b.at(day, '23:30', { running: true }); // late in the window: pacing lets the rest of the pool go
    await b.donate('opener', 'p020', 100); // releases the day's pool
    // Leave 3 yuan in 8 of the day's shards, none in the rest: demand (1,000 × 10 yuan) is far above
    // what is left, and draws that pick an empty shard must look further before saying "pool empty".
    for (const [k, s] of (await shards(day)).entries())
      await b.emulator.db.put('pool_shards', { ...s, budgetFen: s.spentFen + (k < 8 ? 300 : 0) });
    const before = await shards(day);
    const budgetLeft = before.reduce((sum, s) => sum + s.budgetFen - s.spentFen, 0);
    const spentBefore = before.reduce((sum, s) => sum + s.spentFen, 0);

    const created = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => b.create(`rush-${i}`, { projectId: 'p020', amountFen: 1000 })),
    );
    // WeChat Pay notifies each order twice, racing itself, while 999 others pay at the same moment.
    await Promise.all(created.map((o) => b.emulator.pay(o.orderId, { duplicates: 1 })));
    await b.settled(created.map((o) => o.orderId));

    const after = await shards(day);
    for (const s of after) expect(s.spentFen).toBeLessThanOrEqual(s.budgetFen);
    const spent = after.reduce((sum, s) => sum + s.spentFen, 0) - spentBefore;
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(budgetLeft);

    const ids = new Set(created.map((o) => o.orderId));
    const orders = await b.emulator.db.find('orders', (o) => ids.has(String(o._id)));
    expect(orders.every((o) => o.status === 'paid')).toBe(true);
    const matchedByOrders = orders.reduce((sum, o) => sum + o.match.amountFen, 0);
    expect(matchedByOrders).toBe(spent);
    // Nearly all of it went: a match is random (at most 80 % of its donation, its floor at most half its top), so
    // late draws take ever smaller shares of what a shard has left, and pacing keeps some for the rest of the window.
    expect(spent).toBeGreaterThanOrEqual(Math.floor(budgetLeft * 0.9));
    const refused = orders.filter((o) => o.match.reason === 'pool_empty' || o.match.reason === 'not_drawn');
    expect(refused.length).toBeGreaterThan(0); // …and then the rest were told so
    const entries = await b.emulator.db.find('journal', (e) => ids.has(e.orderId));
    expect(entries).toHaveLength(1000); // one entry per order: no double effect from the duplicates
    const matchLegs = entries
      .flatMap((e) => e.postings)
      .filter((p: any) => accountKey(p.account) === accountKey(account.project('p020', 'match')));
    expect(matchLegs.reduce((sum: number, l: any) => sum + l.amountFen, 0)).toBe(spent);
  },
  300_000,
);

test('pool shards and user documents stay small: no per-user state in a shard', async () => {
  const docs = [...(await shards('2022-04-27')), ...(await b.emulator.db.find('match_users'))];
  expect(docs.length).toBeGreaterThan(1000);
  for (const d of await shards('2022-04-27')) expect(d).not.toHaveProperty('users');
  expect(Math.max(...docs.map((d) => JSON.stringify(d).length))).toBeLessThan(4096);
});

test('a user never gets more than the daily match cap', async () => {
  await setMatchSettings({ userDailyCapFen: 150 });
  const start = b.at(SESSION_DAY, '11:00');
  const outcomes = [];
  for (let i = 0; i < 12; i++) {
    b.emulator.setClock({ now: start + i * 20_000, frozen: true }); // 3 a minute: under the rate limit
    const orderId = await b.donate('capped', 'p021', 5000);
    outcomes.push((await b.emulator.db.get('orders', orderId))!.match);
  }
  const total = outcomes.reduce((sum, m) => sum + m.amountFen, 0);
  expect(total).toBeLessThanOrEqual(150);
  const firstCapped = outcomes.findIndex((m) => m.reason === 'user_cap');
  if (total === 150) expect(firstCapped).toBeGreaterThan(0);
  if (firstCapped >= 0) expect(outcomes.slice(firstCapped).every((m) => m.amountFen === 0)).toBe(true);
  const status = await b.status(
    'capped',
    (await b.emulator.db.find('orders', (o) => o.openid === 'capped')).at(-1)!._id as string,
  );
  expect(status.match).toBeTruthy();
  await setMatchSettings({ userDailyCapFen: 99_900 });
});

test('more than 4 donations in a minute: the extra ones get no match chance', async () => {
  b.at(SESSION_DAY, '12:00');
  const reasons = [];
  for (let i = 0; i < 6; i++) {
    const orderId = await b.donate('fast', 'p022', 200);
    reasons.push((await b.emulator.db.get('orders', orderId))!.match.reason);
  }
  expect(reasons.slice(0, 4).includes('rate_limited')).toBe(false);
  expect(reasons.slice(4)).toEqual(['rate_limited', 'rate_limited']);
  b.at(SESSION_DAY, '12:01', { seconds: 1 });
  const later = await b.donate('fast', 'p022', 200);
  expect((await b.emulator.db.get('orders', later))!.match.reason).not.toBe('rate_limited');
});

describe('the per-minute limit is judged by paid time, whatever order notifications arrive in', () => {
  const T0 = () => b.at(SESSION_DAY, '14:00');

  /** Six orders of one user, paid 5 s apart (WeChat knows at once); returns them with their paid times. */
  async function sixPaid(user: string, notifyNow: (i: number) => boolean) {
    const t0 = T0();
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await b.create(user, { projectId: 'p026', amountFen: 200 }));
    const book = b.emulator.orders();
    for (let i = 0; i < 6; i++) {
      b.emulator.setClock({ now: t0 + 10_000 + i * 5_000, frozen: true });
      if (notifyNow(i)) {
        await b.emulator.pay(orders[i].orderId);
      } else {
        // Paid on WeChat's side; its notification is lost for now (WeChat retries it later).
        const o = book.get(orders[i].orderId)!;
        o.state = 'SUCCESS';
        o.timeEnd = beijingCompact(b.emulator.now());
      }
    }
    return orders.map((o, i) => ({ ...o, paidAt: t0 + 10_000 + i * 5_000 }));
  }

  const reasons = async (orders: Array<{ orderId: string }>) =>
    Promise.all(orders.map(async (o) => (await b.emulator.db.get('orders', o.orderId))!.match.reason ?? null));

  test('the first payment notified last: the 5th and 6th by paid time get no match', async () => {
    const orders = await sixPaid('late-first', (i) => i > 0);
    b.emulator.setClock({ now: orders[5].paidAt + 90_000, frozen: true });
    expect((await b.callback(b.notification(orders[0].orderId, orders[0].payFen, orders[0].paidAt))).errcode).toBe(0);
    const r = await reasons(orders);
    expect(r.slice(0, 4)).not.toContain('rate_limited');
    expect(r.slice(4)).toEqual(['rate_limited', 'rate_limited']);
  });

  test('notifications in fully reversed order: the same answer', async () => {
    const orders = await sixPaid('reversed', () => false);
    b.emulator.setClock({ now: orders[5].paidAt + 30_000, frozen: true });
    for (const o of [...orders].reverse())
      expect((await b.callback(b.notification(o.orderId, o.payFen, o.paidAt))).errcode).toBe(0);
    const r = await reasons(orders);
    expect(r.slice(0, 4)).not.toContain('rate_limited');
    expect(r.slice(4)).toEqual(['rate_limited', 'rate_limited']);
    // A replayed notification changes nothing.
    await b.callback(b.notification(orders[5].orderId, orders[5].payFen, orders[5].paidAt));
    expect(await reasons(orders)).toEqual(r);
  });
});

test('a refund reverses the money and forfeits the match back to the pool (套捐 guard)', async () => {
  b.at(SESSION_DAY, '13:00');
  let orderId = '';
  let match = 0;
  for (let i = 0; i < 20 && match === 0; i++) {
    orderId = await b.donate(`refund-${i}`, 'p023', 10_000);
    match = (await b.emulator.db.get('orders', orderId))!.match.amountFen;
  }
  expect(match).toBeGreaterThan(0);
  const order = (await b.emulator.db.get('orders', orderId))!;
  const shardBefore = (await b.emulator.db.get('pool_shards', order.matchShard))!;
  const totalsBefore = (await b.call('projects', { action: 'get', id: 'p023' }, { openid: 'viewer' })).result;

  const denied = await b.call('admin', { action: 'refund', orderId }, { openid: order.openid });
  expect(denied.error?.code).toBe('FORBIDDEN');
  const r = await b.call('admin', { action: 'refund', orderId }, { openid: ADMIN });
  expect(r.result).toMatchObject({ orderId, refundFen: 10_000 });
  await refunded(orderId); // the books move on WeChat Pay's refund notification
  const again = await b.call('admin', { action: 'refund', orderId }, { openid: ADMIN });
  expect(again.error?.code).toBe('ORDER_NOT_PAID');

  expect((await b.emulator.db.get('pool_shards', order.matchShard))!.spentFen).toBe(shardBefore.spentFen - match);
  const totalsAfter = (await b.call('projects', { action: 'get', id: 'p023' }, { openid: 'viewer' })).result;
  expect(totalsBefore.bySource.public - totalsAfter.bySource.public).toBe(10_000);
  expect(totalsBefore.bySource.match - totalsAfter.bySource.match).toBe(match);
  expect((await b.status(order.openid, orderId)).status).toBe('refunded');
});

test('a refund also returns the assist extras, each to the shard and day it came from', async () => {
  b.at('2022-04-27', '16:00');
  const orderId = await b.donate('refund-inviter', 'p025', 20_000);
  const { shareId } = (await b.call('assist', { action: 'share', projectId: 'p025' }, { openid: 'refund-inviter' }))
    .result;
  // Friends help on the next day: their extras come from the inviter's shard of 04-28, not 04-27.
  b.at(SESSION_DAY, '16:00');
  for (let i = 0; i < 5; i++) await seedFlowerAndGive(`refund-friend-${i}`, shareId);
  const order = (await b.emulator.db.get('orders', orderId))!;
  const extras = Object.entries((order.extraByShard ?? {}) as Record<string, number>);
  expect(extras.length).toBeGreaterThan(0); // seeded draws: some extras were won
  expect(extras.reduce((s, [, fen]) => s + fen, 0)).toBe(order.extraMatchedFen ?? 0);
  const spentBefore = new Map(
    await Promise.all(
      [...extras.map(([id]) => id), order.matchShard]
        .filter(Boolean)
        .map(async (id) => [id, (await b.emulator.db.get('pool_shards', id))!.spentFen] as const),
    ),
  );
  await b.call('admin', { action: 'refund', orderId }, { openid: ADMIN });
  await refunded(orderId);
  const reversal = (await b.emulator.db.get('journal', `refund_${orderId}`))!;
  const forfeited = reversal.postings
    .filter((p: any) => accountOf(p.account).kind === 'pool')
    .reduce((s: number, p: any) => s + p.amountFen, 0);
  expect(forfeited).toBe(order.match.amountFen + (order.extraMatchedFen ?? 0));
  for (const [id, fen] of extras) {
    const own = id === order.matchShard ? order.match.amountFen : 0;
    expect((await b.emulator.db.get('pool_shards', id))!.spentFen).toBe(spentBefore.get(id)! - fen - own);
  }
  expect((await b.call('admin', { action: 'reconcile' }, { openid: ADMIN })).result.problems).toEqual([]);
});

async function refunded(orderId: string) {
  for (let i = 0; i < 400 && (await b.emulator.db.get('orders', orderId))!.status !== 'refunded'; i++)
    await new Promise((r) => setTimeout(r, 50));
  expect((await b.emulator.db.get('orders', orderId))!.status).toBe('refunded');
}

async function seedFlowerAndGive(friend: string, shareId: string) {
  await b.emulator.db.put('flower_accounts', { _id: friend, balance: 1, given: 0, earned: {}, keys: {} });
  const r = await b.call('assist', { action: 'flower', shareId }, { openid: friend });
  expect(r.result.assisted).toBe(true);
}

test('the federation top-up settles partner projects once, as its own source', async () => {
  const partner = (await b.emulator.db.find('projects', (p) => p.partner && p.status === 'fundraising'))[0];
  b.at(SESSION_DAY, '14:00');
  await b.donate('topup-donor', partner._id as string, 10_000);
  const first = await b.call('admin', { action: 'settleTopups' }, { openid: ADMIN });
  expect(first.result.settledFen).toBeGreaterThan(0);
  const second = await b.call('admin', { action: 'settleTopups' }, { openid: ADMIN });
  expect(second.result.settledFen).toBe(0); // idempotent: nothing new to top up
  const totals = (await b.call('projects', { action: 'get', id: partner._id }, { openid: 'viewer' })).result;
  const campaign = (await b.emulator.db.get('campaigns', 'cq2022'))!;
  expect(totals.bySource.topup).toBe(Math.floor((totals.bySource.public * campaign.topup.ratioBp) / 10_000));
  // The timer trigger runs the same settlement; a client cannot pretend to be the timer.
  const fake = await b.call('admin', { Type: 'Timer', TriggerName: 'tick' }, { openid: 'someone' });
  expect(fake.error?.code).toBe('FORBIDDEN_SOURCE');
  expect(
    await b.emulator.invoke('admin', { Type: 'Timer', TriggerName: 'tick' }, { source: 'wx_trigger' }),
  ).toMatchObject({ topups: { settledFen: 0 } });
});

test('after everything above the ledger reconciles to the fen', async () => {
  const r = await b.call('admin', { action: 'reconcile' }, { openid: ADMIN });
  expect(r.result.problems).toEqual([]);
  expect(r.result.ok).toBe(true);
});

test('the home page shows the pool left today, which falls as matches are drawn', async () => {
  b.at(SESSION_DAY, '15:00');
  const before = (await b.call('campaign', { action: 'get' }, { openid: 'viewer' })).result.stats.poolLeftTodayFen;
  let spent = 0;
  for (let i = 0; i < 10 && spent === 0; i++) {
    const orderId = await b.donate(`pool-view-${i}`, 'p024', 5000);
    spent = (await b.emulator.db.get('orders', orderId))!.match.amountFen;
  }
  const after = (await b.call('campaign', { action: 'get' }, { openid: 'viewer' })).result.stats.poolLeftTodayFen;
  expect(before - after).toBe(spent);
});

test('reconcile names an imbalance when a total disagrees with the ledger', async () => {
  // Counter shards exist once written: take one p024's donations above wrote.
  const [counter] = await b.emulator.db.find('project_counters', (d) => d.projectId === 'p024');
  await b.emulator.db.put('project_counters', { ...counter, public: counter.public + 1 });
  const r = await b.call('admin', { action: 'reconcile' }, { openid: ADMIN });
  expect(r.result.ok).toBe(false);
  expect(r.result.problems.join('\n')).toMatch(/p024/);
  await b.emulator.db.put('project_counters', counter);
  expect((await b.call('admin', { action: 'reconcile' }, { openid: ADMIN })).result.ok).toBe(true);
});
