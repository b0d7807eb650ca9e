/**
 * Refunds through WeChat Pay (real SDK, emulator's CloudPay refund API and notification): the books move
 * only on the refund notification, and then every fen goes home — donor, coupon batch, pool shards
 * (main match and assist extras), Federation top-up — once, however often WeChat notifies. A failed
 * refund changes no money, shows staff why, and can be retried.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { account, accountKey, balances, balancesByKind, type JournalEntry } from '../../domain/ledger';

let b: Backend;
beforeAll(async () => {
  process.env.SHANXING_SUB_MCH_ID ??= '1900000109'; // the paying functions' merchant id (docs/deploy.md)
  b = await startBackend({ randomSeed: 'refund-tests' });
});
afterAll(() => b.stop());

const ADMIN = 'admin-local';
const PROJECT = 'p084'; // in coupon batch cb01's list; made a partner project below (top-ups)
const FINAL = new Set(['succeeded', 'failed']);

const admin = (data: Record<string, unknown>) => b.call('admin', data, { openid: ADMIN });

async function refundDoc(orderId: string, until = FINAL): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const doc = await b.emulator.db.get('refunds', `R${orderId}`);
    if (doc && until.has(String(doc.status))) return doc;
    if (Date.now() > deadline) throw new Error(`refund of ${orderId} still ${doc?.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every balance a refund must restore, to the fen. */
async function snapshot() {
  const entries = (await b.emulator.db.find('journal')) as unknown as JournalEntry[];
  const bal = balancesByKind(entries);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((t, v) => t + v, 0);
  const batch = (await b.emulator.db.get('coupon_batches', 'cb01'))!;
  const totals = (await b.call('projects', { action: 'get', id: PROJECT }, { openid: 'viewer' })).result.bySource;
  const shards = Object.fromEntries((await b.emulator.db.find('pool_shards')).map((s) => [s._id, s.spentFen]));
  const topup = (await b.emulator.db.get('topups', PROJECT))?.toppedFen ?? 0;
  return {
    totals,
    shards,
    topup,
    couponBatch: bal.coupons.get('cb01') ?? 0,
    // The batch document the journal keeps: coupon money paid into projects, coupons used.
    batchUsed: { usedFen: batch.usedFen, used: batch.used },
    pool: sum(bal.pool),
    federation: sum(bal.topups),
  };
}

function sameShards(after: Record<string, number>, before: Record<string, number>) {
  for (const id of new Set([...Object.keys(after), ...Object.keys(before)]))
    expect([id, after[id] ?? 0]).toEqual([id, before[id] ?? 0]);
}

async function reconcileProblems() {
  return (await admin({ action: 'reconcile' })).result.problems;
}

let orderId = '';
let before: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  const project = (await b.emulator.db.get('projects', PROJECT))!;
  await b.emulator.db.put('projects', { ...project, partner: true });
});

const REFUND_RESTORES_EVERY_FEN =
  'a topped-up, coupon-backed, assist-matched donation: after the notification every fen is back where it came from';
test(REFUND_RESTORES_EVERY_FEN, async () => {
  b.at(SESSION_DAY, '13:00');
  let order: any = null;
  for (let i = 0; i < 20 && !(order?.match?.amountFen > 0); i++) {
    await admin({ action: 'settleTopups' });
    before = await snapshot();
    const donor = `refund-donor-${i}`;
    const { couponId } = (await b.call('coupons', { action: 'claim', batchId: 'cb01' }, { openid: donor })).result;
    orderId = (await b.create(donor, { projectId: PROJECT, amountFen: 10_000, couponId })).orderId;
    await b.emulator.pay(orderId);
    order = await b.emulator.db.get('orders', orderId);
  }
  expect(order).toMatchObject({ status: 'paid', couponFen: 500 });
  expect(order.match.amountFen).toBeGreaterThan(0);
  // Friends' flowers win the donation extra matches (seeded draws).
  const { shareId } = (await b.call('assist', { action: 'share', projectId: PROJECT }, { openid: order.openid }))
    .result;
  for (let i = 0; i < 10 && !(order.extraMatchedFen > 0); i++) {
    await b.emulator.db.put('flower_accounts', {
      _id: `refund-friend-${i}`,
      balance: 1,
      given: 0,
      earned: {},
      keys: {},
    });
    await b.call('assist', { action: 'flower', shareId }, { openid: `refund-friend-${i}` });
    order = await b.emulator.db.get('orders', orderId);
  }
  expect(order.extraMatchedFen).toBeGreaterThan(0);
  await admin({ action: 'settleTopups' });
  const during = await snapshot();
  expect(during.topup).toBeGreaterThan(before.topup); // the donation earned a top-up
  expect(during.batchUsed).toEqual({ usedFen: before.batchUsed.usedFen + 500, used: before.batchUsed.used + 1 });
  const extraIds = Object.keys(order.extraDrawBy).map((a) => `assist_${a}`);
  const extras = await b.emulator.db.find('journal', (e) => extraIds.includes(String(e._id)));
  expect(extras.length).toBeGreaterThan(0);

  const r = await admin({ action: 'refund', orderId, reason: '捐赠人申请退款' });
  expect(r.error).toBeUndefined();
  expect(r.result).toMatchObject({ orderId, outRefundNo: `R${orderId}`, refundFen: 10_000 });
  expect(['processing', 'succeeded']).toContain(r.result.status);
  const done = await refundDoc(orderId);
  expect(done).toMatchObject({ status: 'succeeded', refundFee: 10_000, reason: '捐赠人申请退款' });
  expect(done.topupReversedFen).toBe(during.topup - before.topup);
  expect((await b.emulator.db.get('orders', orderId))!.status).toBe('refunded');
  expect(b.emulator.refunds().get(`R${orderId}`)).toMatchObject({ state: 'SUCCESS', settled: true });

  const after = await snapshot();
  expect(after.totals).toEqual(before.totals); // public, coupon, match, topup, sponsor — to the fen
  sameShards(after.shards, before.shards);
  expect(after.topup).toBe(before.topup);
  expect(after.couponBatch).toBe(before.couponBatch);
  expect(after.batchUsed).toEqual(before.batchUsed);
  expect(after.pool).toBe(before.pool);
  expect(after.federation).toBe(before.federation);
  const reversal = (await b.emulator.db.get('journal', `refund_${orderId}`))!;
  expect(reversal).toMatchObject({ kind: 'refund', reverses: `order_${orderId}` });
  expect([...reversal.alsoReverses].sort()).toEqual(extras.map((e) => e._id).sort());
  expect(
    balances([reversal as any, (await b.emulator.db.get('journal', `order_${orderId}`)) as any]).get(
      accountKey(account.donor(order.openid)),
    ),
  ).toBe(0);
  expect(await reconcileProblems()).toEqual([]);
  // The next settlement does not top the refunded money up again.
  expect((await admin({ action: 'settleTopups' })).result.settledFen).toBe(0);
  expect((await snapshot()).topup).toBe(before.topup);
});

test('the notification delivered 3 times (two at once) → one reversal, each answered errcode 0', async () => {
  const refund = b.emulator.refunds().get(`R${orderId}`)!;
  const event = refundEvent(refund);
  const replies = await Promise.all(
    [1, 2].map(() => b.emulator.invoke('refundCallback', event, { source: 'wx_paycallback' })),
  );
  replies.push(await b.emulator.invoke('refundCallback', event, { source: 'wx_paycallback' }));
  for (const reply of replies) expect(reply).toEqual({ errcode: 0, errmsg: '' });
  expect(await b.count('journal', (e) => e.orderId === orderId && e.kind === 'refund')).toBe(1);
  const after = await snapshot();
  expect(after.totals).toEqual(before.totals);
  sameShards(after.shards, before.shards);
  expect(after.topup).toBe(before.topup);
  expect(await reconcileProblems()).toEqual([]);
  // Refunded: a second request is refused; a client cannot pose as WeChat Pay.
  expect((await admin({ action: 'refund', orderId })).error?.code).toBe('ORDER_NOT_PAID');
  expect((await b.call('refundCallback', event, { openid: 'someone' })).error?.code).toBe('FORBIDDEN_SOURCE');
});

/** What CloudPay delivered for this refund (the emulator builds it the same way each time). */
function refundEvent(r: any): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS',
    outTradeNo: r.outTradeNo,
    outRefundNo: r.outRefundNo,
    refundId: r.refundId,
    totalFee: r.totalFee,
    refundFee: r.refundFee,
    refundStatus: r.state,
    successTime: r.successTime,
  };
}

const FAILED_REFUND_THEN_RETRY =
  'a failed refund (notification CHANGE) changes nothing and is visible to staff; a retry then succeeds';
test(FAILED_REFUND_THEN_RETRY, async () => {
  b.at(SESSION_DAY, '14:00');
  await admin({ action: 'settleTopups' });
  const id = await b.donate('refund-failer', PROJECT, 5_000);
  await admin({ action: 'settleTopups' });
  const paid = await snapshot();
  b.emulator.refundFault({ mode: 'fail', status: 'CHANGE' });
  expect((await admin({ action: 'refund', orderId: id })).error).toBeUndefined();
  const failed = await refundDoc(id);
  expect(failed).toMatchObject({ status: 'failed', failure: { code: 'CHANGE' } });
  expect((await b.emulator.db.get('orders', id))!.status).toBe('paid');
  expect(await b.emulator.db.get('anomalies', `refund_failed_R${id}_1`)).toMatchObject({
    kind: 'refund_failed',
    orderId: id,
  });
  const still = await snapshot();
  expect(still.totals).toEqual(paid.totals);
  sameShards(still.shards, paid.shards);
  expect(still.topup).toBe(paid.topup);
  expect(await b.count('journal', (e) => e.orderId === id && e.kind === 'refund')).toBe(0);
  expect(await reconcileProblems()).toEqual([]);

  // Staff retry: the same out_refund_no, now refunded.
  expect((await admin({ action: 'refund', orderId: id })).error).toBeUndefined();
  expect(await refundDoc(id)).toMatchObject({ status: 'succeeded', requests: 2, failures: [{ code: 'CHANGE' }] });
  expect((await b.emulator.db.get('orders', id))!.status).toBe('refunded');
  expect(await reconcileProblems()).toEqual([]);
});

test('WeChat refusing the request: failed at once with its reason, order paid again, nothing moved', async () => {
  b.at(SESSION_DAY, '14:30');
  const id = await b.donate('refund-refused', 'p020', 3_000);
  const paid = await snapshot();
  b.emulator.refundFault({ mode: 'refuse', errCode: 'NOTENOUGH', errCodeDes: '基本账户余额不足' });
  const r = await admin({ action: 'refund', orderId: id });
  // wx-server-sdk replaces WeChat's err_code with its own errCode 0: the description is what survives.
  expect(r.result).toMatchObject({ status: 'failed', failure: { code: 'FAIL', message: '基本账户余额不足' } });
  expect((await b.emulator.db.get('orders', id))!.status).toBe('paid');
  expect(await b.count('anomalies', (a) => a.kind === 'refund_failed' && a.orderId === id)).toBe(1);
  expect((await snapshot()).pool).toBe(paid.pool);
  expect(await reconcileProblems()).toEqual([]);
});

test('a non-operator gets FORBIDDEN; an unpaid order ORDER_NOT_PAID; nothing is recorded', async () => {
  b.at(SESSION_DAY, '15:00');
  const id = await b.donate('refund-self', 'p020', 2_000);
  expect((await b.call('admin', { action: 'refund', orderId: id }, { openid: 'refund-self' })).error?.code).toBe(
    'FORBIDDEN',
  );
  const { orderId: unpaid } = await b.create('refund-unpaid', { projectId: 'p020', amountFen: 2_000 });
  expect((await admin({ action: 'refund', orderId: unpaid })).error?.code).toBe('ORDER_NOT_PAID');
  expect((await admin({ action: 'refund', orderId: 'SX20220428NOSUCHORDER00' })).error?.code).toBe('ORDER_NOT_FOUND');
  expect(await b.emulator.db.get('refunds', `R${id}`)).toBeNull();
  expect(await b.emulator.db.get('refunds', `R${unpaid}`)).toBeNull();
  expect((await b.emulator.db.get('orders', id))!.status).toBe('paid');
});
