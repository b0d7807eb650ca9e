/**
 * The order lifecycle a donor sees: one request id → one order (double taps and concurrent repeats),
 * 继续支付 of a pending order, 取消, an expired one shown closed, and 删除 of a closed one from 我的.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const donate = (openid: string, data: Record<string, unknown>) => b.call('donate', data, { openid });
const create = (openid: string, data: Record<string, unknown>) => donate(openid, { action: 'create', ...data });
const mine = async (openid: string) => (await donate(openid, { action: 'mine' })).result;

describe('donate.create with a requestId', () => {
  test('concurrent repeats of one request make one order with one payment', async () => {
    b.at(SESSION_DAY, '11:00');
    const req = { projectId: 'p010', amountFen: 1000, requestId: 'req-double-tap-1' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => create('tapper', req)));
    for (const a of answers) expect(a.error).toBeUndefined();
    const ids = new Set(answers.map((a) => a.result.orderId));
    expect(ids.size).toBe(1);
    const prepay = new Set(answers.map((a) => a.result.payment.package));
    expect(prepay.size).toBe(1); // the same WeChat Pay order every time
    expect(await b.count('orders', (o) => o.openid === 'tapper')).toBe(1);
    // Later repeat: still the same order; then paid once.
    const later = await create('tapper', req);
    expect(later.result.orderId).toBe(answers[0].result.orderId);
    await b.emulator.pay(later.result.orderId);
    expect((await b.status('tapper', later.result.orderId)).status).toBe('paid');
    // Repeating a paid request does not open a second payment.
    expect((await create('tapper', req)).error?.code).toBe('ORDER_NOT_PAYABLE');
    expect(await b.count('orders', (o) => o.openid === 'tapper')).toBe(1);
  });

  test('another user with the same requestId gets their own order; a changed donation is refused', async () => {
    b.at(SESSION_DAY, '11:05');
    const req = { projectId: 'p011', amountFen: 500, requestId: 'shared-request-id' };
    const a = await create('ua', req);
    const c = await create('ub', req);
    expect(a.result.orderId).not.toBe(c.result.orderId);
    const changed = await create('ua', { ...req, projectId: 'p012' });
    expect(changed.error?.code).toBe('REQUEST_ID_REUSED');
    expect(await b.count('orders', (o) => o.openid === 'ua')).toBe(1);
    expect((await create('ua', { ...req, requestId: 'x' })).error?.code).toBe('INVALID_INPUT');
  });

  test('concurrent repeats with a coupon reserve it once and make one order', async () => {
    b.at(SESSION_DAY, '11:10');
    const claimed = await b.call('coupons', { action: 'claim', batchId: 'cb01' }, { openid: 'couponer' });
    const couponId = claimed.result.couponId;
    const req = { projectId: 'p022', amountFen: 800, couponId, requestId: 'coupon-request-01' };
    const answers = await Promise.all(Array.from({ length: 4 }, () => create('couponer', req)));
    for (const x of answers) expect(x.error).toBeUndefined();
    expect(new Set(answers.map((x) => x.result.orderId)).size).toBe(1);
    expect(await b.emulator.db.get('coupons', couponId)).toMatchObject({
      status: 'reserved',
      orderId: answers[0].result.orderId,
    });
  });
});

describe('resume, cancel, expiry and remove', () => {
  test('继续支付 returns the same payment; 取消 closes it; a closed one cannot be resumed but can be removed', async () => {
    b.at(SESSION_DAY, '12:00');
    const first = await create('carol', { projectId: 'p013', amountFen: 300, requestId: 'carol-request-1' });
    const resumed = await donate('carol', { action: 'resume', orderId: first.result.orderId });
    expect(resumed.result).toMatchObject({ orderId: first.result.orderId, payFen: 300 });
    expect(resumed.result.payment.package).toBe(first.result.payment.package);
    expect((await donate('mallory', { action: 'resume', orderId: first.result.orderId })).error?.code).toBe(
      'ORDER_NOT_FOUND',
    );
    expect((await mine('carol')).items[0]).toMatchObject({ status: 'pending', cancelled: false });

    const cancelled = await donate('carol', { action: 'cancel', orderId: first.result.orderId });
    expect(cancelled.result.status).toBe('closed');
    expect((await mine('carol')).items[0]).toMatchObject({ status: 'closed', cancelled: true });
    expect((await donate('carol', { action: 'resume', orderId: first.result.orderId })).error?.code).toBe(
      'ORDER_NOT_PAYABLE',
    );
    // Paying again is a new order (a new request) for the same project.
    const again = await create('carol', { projectId: 'p013', amountFen: 300, requestId: 'carol-request-2' });
    await b.emulator.pay(again.result.orderId);
    expect((await b.status('carol', again.result.orderId)).status).toBe('paid');

    expect((await donate('mallory', { action: 'remove', orderId: first.result.orderId })).error?.code).toBe(
      'ORDER_NOT_FOUND',
    );
    expect((await donate('carol', { action: 'remove', orderId: again.result.orderId })).error?.code).toBe(
      'ORDER_NOT_REMOVABLE',
    );
    const removed = await donate('carol', { action: 'remove', orderId: first.result.orderId });
    expect(removed.result).toEqual({ orderId: first.result.orderId, removed: true });
    const list = await mine('carol');
    expect(list.items.map((d: any) => d.orderId)).toEqual([again.result.orderId]);
    expect(list.totals.count).toBe(1);
  });

  test('an expired pending order shows as closed in 我的', async () => {
    const t0 = b.at(SESSION_DAY, '13:00');
    const o = await create('dave', { projectId: 'p014', amountFen: 200 });
    expect((await mine('dave')).items[0].status).toBe('pending');
    b.emulator.setClock({ now: t0 + 31 * 60_000, frozen: true });
    expect((await mine('dave')).items[0]).toMatchObject({ orderId: o.result.orderId, status: 'closed' });
    expect((await b.emulator.db.get('orders', o.result.orderId))!.status).toBe('closed');
  });
});
