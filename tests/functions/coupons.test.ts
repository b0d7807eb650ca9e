/**
 * 爱心券 (love coupons) through the real SDK on the emulator (issue 6): batches, claims (one per user
 * per batch, never more than the batch's count), and a coupon in donate.create — refused on an
 * ineligible project, used once, expired refused — whose enterprise money lands as source `coupon`.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { userKey } from '../../domain/ids';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const coupons = (openid: string, data: Record<string, unknown>) => b.call('coupons', data, { openid });
const claim = (openid: string, batchId: string) => coupons(openid, { action: 'claim', batchId });
const createOrder = (openid: string, data: Record<string, unknown>) =>
  b.call('donate', { action: 'create', ...data }, { openid });

async function projectGet(id: string) {
  return (await b.call('projects', { action: 'get', id }, { openid: 'viewer' })).result;
}

describe('batches and claims', () => {
  test('list shows the seeded batches with value, stock, eligible projects and validity', async () => {
    b.at(SESSION_DAY, '10:00');
    const r = await coupons('lister', { action: 'list' });
    expect(r.error).toBeUndefined();
    const items = r.result.items;
    expect(items).toHaveLength(7);
    expect(new Set(items.map((i: any) => i.issuer)).size).toBe(5); // five enterprises (seed 004)
    expect(new Set(items.flatMap((i: any) => i.projectIds)).size).toBe(39); // for 39 projects
    const cb01 = items.find((i: any) => i.batchId === 'cb01');
    expect(cb01).toMatchObject({ issuer: '大米先生', valueFen: 500, left: 20_000, valid: true, mine: null });
    expect(cb01.projectIds).toContain('p020');
    expect(cb01.validFrom).toBe('2022-04-27T02:00:00.000Z');
    // cb04 is valid on the 27th only; cb06 from the 29th.
    expect(items.find((i: any) => i.batchId === 'cb04').valid).toBe(false);
    expect(items.find((i: any) => i.batchId === 'cb06').valid).toBe(false);
    // Filter by project.
    const forP020 = await coupons('lister', { action: 'list', projectId: 'p020' });
    expect(forP020.result.items.map((i: any) => i.batchId)).toEqual(['cb01']);
  });

  test('claim → a coupon of the batch; the list shows it as mine and one fewer left', async () => {
    b.at(SESSION_DAY, '10:05');
    const c = await claim('claimer', 'cb01');
    expect(c.error).toBeUndefined();
    expect(c.result).toEqual({
      couponId: `cb01_${userKey('claimer')}`,
      batchId: 'cb01',
      valueFen: 500,
      status: 'claimed',
    });
    const list = (await coupons('claimer', { action: 'list' })).result.items;
    expect(list.find((i: any) => i.batchId === 'cb01')).toMatchObject({
      left: 19_999,
      mine: { couponId: c.result.couponId, status: 'claimed' },
    });
    const other = (await coupons('someone-else', { action: 'list' })).result.items;
    expect(other.find((i: any) => i.batchId === 'cb01').mine).toBeNull();
  });

  test('claiming the same batch twice is refused with COUPON_ALREADY_CLAIMED', async () => {
    b.at(SESSION_DAY, '10:06');
    const again = await claim('claimer', 'cb01');
    expect(again.error?.code).toBe('COUPON_ALREADY_CLAIMED');
    expect(again.error?.message).toMatch(/限领一张/);
    expect((await b.emulator.db.get('coupon_batches', 'cb01'))!.claimed).toBe(1);
    // Another batch is fine.
    expect((await claim('claimer', 'cb03')).error).toBeUndefined();
  });

  test('10 concurrent claims of one batch by one user: exactly one coupon', async () => {
    b.at(SESSION_DAY, '10:10', { running: true });
    const before = (await b.emulator.db.get('coupon_batches', 'cb05'))!.claimed;
    const results = await Promise.all(Array.from({ length: 10 }, () => claim('eager', 'cb05')));
    expect(results.filter((r) => !r.error)).toHaveLength(1);
    expect(results.filter((r) => r.error).map((r) => r.error!.code)).toEqual(Array(9).fill('COUPON_ALREADY_CLAIMED'));
    expect((await b.emulator.db.get('coupon_batches', 'cb05'))!.claimed).toBe(before + 1);
    expect(await b.count('coupons', (c) => c.openid === 'eager')).toBe(1);
  });

  test('a batch running out under 40 concurrent claimers is never over-issued', async () => {
    b.at(SESSION_DAY, '10:20', { running: true });
    const batch = (await b.emulator.db.get('coupon_batches', 'cb07'))!;
    await b.emulator.db.put('coupon_batches', { ...batch, count: batch.claimed + 7 });
    const users = Array.from({ length: 40 }, (_, i) => `rush-${i}`);
    const results = await Promise.all(users.map((u) => claim(u, 'cb07')));
    const ok = results.filter((r) => !r.error);
    expect(ok).toHaveLength(7);
    expect(results.filter((r) => r.error).every((r) => r.error!.code === 'COUPON_SOLD_OUT')).toBe(true);
    expect(results.find((r) => r.error)!.error!.message).toMatch(/领完/);
    const after = (await b.emulator.db.get('coupon_batches', 'cb07'))!;
    expect(after.claimed).toBe(after.count);
    expect(await b.count('coupons', (c) => c.batchId === 'cb07')).toBe(after.claimed);
    expect((await coupons('rush-0', { action: 'list' })).result.items.find((i: any) => i.batchId === 'cb07').left).toBe(
      0,
    );
  });

  test('claiming outside the batch validity or an unknown batch is refused', async () => {
    b.at(SESSION_DAY, '12:00');
    expect((await claim('too-early', 'cb06')).error?.code).toBe('COUPON_EXPIRED'); // from the 29th
    expect((await claim('too-late', 'cb04')).error?.code).toBe('COUPON_EXPIRED'); // the 27th only
    expect((await claim('nobody', 'cb99')).error?.code).toBe('COUPON_NOT_FOUND');
    expect((await claim('nobody', 'cb01_x')).error?.code).toBe('COUPON_NOT_FOUND');
    expect(await b.count('coupons', (c) => ['too-early', 'too-late', 'nobody'].includes(c.openid))).toBe(0);
  });
});

describe('using a coupon in donate.create', () => {
  test('on a project outside the batch: COUPON_NOT_ELIGIBLE, no order, the coupon stays claimed', async () => {
    b.at(SESSION_DAY, '11:00');
    const { couponId } = (await claim('picky', 'cb01')).result;
    const ordersBefore = await b.count('orders', (o) => o.openid === 'picky');
    const r = await createOrder('picky', { projectId: 'p001', amountFen: 1000, couponId });
    expect(r.error?.code).toBe('COUPON_NOT_ELIGIBLE');
    expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await b.count('orders', (o) => o.openid === 'picky')).toBe(ordersBefore);
    expect((await b.emulator.db.get('coupons', couponId))!.status).toBe('claimed');
  });

  const ENTERPRISE_MONEY_LANDS =
    'on an eligible project: after payment the enterprise money lands as source `coupon` in totals and the ledger';
  test(ENTERPRISE_MONEY_LANDS, async () => {
    b.at(SESSION_DAY, '11:10');
    const project = 'p021';
    const { couponId } = (await claim('giver', 'cb01')).result;
    const before = await projectGet(project);
    const created = await createOrder('giver', { projectId: project, amountFen: 1000, couponId });
    expect(created.error).toBeUndefined();
    expect(created.result.payFen).toBe(1000); // the donor pays their own amount; the coupon adds 500
    expect(await b.emulator.db.get('coupons', couponId)).toMatchObject({
      status: 'reserved',
      orderId: created.result.orderId,
    });
    await b.emulator.pay(created.result.orderId);
    const order = (await b.emulator.db.get('orders', created.result.orderId))!;
    expect(order).toMatchObject({ status: 'paid', couponId, couponFen: 500, payFen: 1000 });
    expect((await b.emulator.db.get('coupons', couponId))!.status).toBe('used');
    const after = await projectGet(project);
    expect(after.bySource.coupon - before.bySource.coupon).toBe(500);
    expect(after.bySource.public - before.bySource.public).toBe(1000);
    expect(after.raisedFen - before.raisedFen).toBe(1500 + (after.bySource.match - before.bySource.match));
    const entry = (await b.emulator.db.get('journal', `order_${created.result.orderId}`))!;
    expect(entry.postings).toContainEqual({ account: { kind: 'coupon', batchId: 'cb01' }, amountFen: -500 });
    expect(entry.postings).toContainEqual({
      account: { kind: 'project', projectId: project, source: 'coupon' },
      amountFen: 500,
    });
    // The journal kept the batch's coupon money with the entry.
    expect((await b.emulator.db.get('coupon_batches', 'cb01'))!).toMatchObject({ usedFen: 500, used: 1 });
    expect(entry.postings.reduce((t: number, p: any) => t + p.amountFen, 0)).toBe(0);
    // The list says so too.
    const mine = (await coupons('giver', { action: 'list' })).result.items.find((i: any) => i.batchId === 'cb01').mine;
    expect(mine).toEqual({ couponId, status: 'used' });
  });

  const COUPON_USED_TWICE =
    'a coupon used twice is refused with COUPON_USED: while its order is pending, and after it is paid';
  test(COUPON_USED_TWICE, async () => {
    b.at(SESSION_DAY, '11:20');
    const { couponId } = (await claim('double', 'cb03')).result;
    const first = await createOrder('double', { projectId: 'p038', amountFen: 200, couponId });
    expect(first.error).toBeUndefined();
    const pending = await createOrder('double', { projectId: 'p040', amountFen: 200, couponId });
    expect(pending.error?.code).toBe('COUPON_USED');
    await b.emulator.pay(first.result.orderId);
    const paid = await createOrder('double', { projectId: 'p038', amountFen: 300, couponId });
    expect(paid.error?.code).toBe('COUPON_USED');
    expect(await b.count('orders', (o) => o.couponId === couponId)).toBe(1);
  });

  test('5 concurrent orders with one coupon: exactly one gets it', async () => {
    b.at(SESSION_DAY, '11:25', { running: true });
    const { couponId } = (await claim('hasty', 'cb05')).result;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createOrder('hasty', { projectId: 'p002', amountFen: 100, couponId })),
    );
    expect(results.filter((r) => !r.error)).toHaveLength(1);
    expect(results.filter((r) => r.error).map((r) => r.error!.code)).toEqual(Array(4).fill('COUPON_USED'));
    expect(await b.count('orders', (o) => o.couponId === couponId)).toBe(1);
  });

  test("someone else's coupon is refused with COUPON_NOT_FOUND", async () => {
    b.at(SESSION_DAY, '11:30');
    const { couponId } = (await claim('owner', 'cb01')).result;
    const r = await createOrder('thief', { projectId: 'p020', amountFen: 500, couponId });
    expect(r.error?.code).toBe('COUPON_NOT_FOUND');
    expect((await b.emulator.db.get('coupons', couponId))!.status).toBe('claimed');
  });

  test('an expired coupon is refused with COUPON_EXPIRED', async () => {
    b.at(SESSION_DAY, '12:00');
    const { couponId } = (await claim('slowpoke', 'cb02')).result; // valid on the 28th only
    b.at('2022-04-29', '10:30');
    const r = await createOrder('slowpoke', { projectId: 'p024', amountFen: 500, couponId });
    expect(r.error?.code).toBe('COUPON_EXPIRED');
    expect(r.error?.message).toMatch(/有效期/);
    expect((await b.emulator.db.get('coupons', couponId))!.status).toBe('claimed');
  });

  test('an unpaid order that times out gives the coupon back; it can then be used', async () => {
    const t0 = b.at(SESSION_DAY, '13:00');
    const { couponId } = (await claim('dawdler', 'cb01')).result;
    const first = await createOrder('dawdler', { projectId: 'p022', amountFen: 800, couponId });
    b.emulator.setClock({ now: t0 + 31 * 60_000, frozen: true });
    expect((await b.status('dawdler', first.result.orderId)).status).toBe('closed');
    expect(await b.emulator.db.get('coupons', couponId)).toMatchObject({ status: 'claimed', orderId: null });
    const second = await createOrder('dawdler', { projectId: 'p022', amountFen: 800, couponId });
    expect(second.error).toBeUndefined();
    await b.emulator.pay(second.result.orderId);
    expect((await b.emulator.db.get('coupons', couponId))!.status).toBe('used');
  });

  test('a cancelled payment gives the coupon back at once (donate.cancel); only the owner may cancel', async () => {
    b.at(SESSION_DAY, '13:30');
    const { couponId } = (await claim('changed-mind', 'cb01')).result;
    const first = await createOrder('changed-mind', { projectId: 'p022', amountFen: 800, couponId });
    const cancel = (openid: string, orderId = first.result.orderId) =>
      b.call('donate', { action: 'cancel', orderId }, { openid });
    expect((await cancel('mallory')).error?.code).toBe('ORDER_NOT_FOUND');
    expect((await b.emulator.db.get('orders', first.result.orderId))!.status).toBe('pending');
    expect((await cancel('changed-mind')).result).toEqual({ orderId: first.result.orderId, status: 'closed' });
    expect(await b.emulator.db.get('coupons', couponId)).toMatchObject({ status: 'claimed', orderId: null });
    expect((await cancel('changed-mind')).result.status).toBe('closed'); // a repeat changes nothing
    // The coupon backs the next order straight away, not 30 minutes later.
    const second = await createOrder('changed-mind', { projectId: 'p022', amountFen: 800, couponId });
    expect(second.error).toBeUndefined();
    await b.emulator.pay(second.result.orderId);
    expect((await b.status('changed-mind', second.result.orderId)).status).toBe('paid');
    // A paid order is not cancelled.
    expect((await cancel('changed-mind', second.result.orderId)).result.status).toBe('paid');
    expect((await b.emulator.db.get('coupons', couponId))!.status).toBe('used');
  });

  const EXPIRED_ORDER_RELEASES_COUPON =
    'an expired unpaid order nobody looked at does not keep the coupon: the next order closes it and takes the coupon';
  test(EXPIRED_ORDER_RELEASES_COUPON, async () => {
    const t0 = b.at(SESSION_DAY, '14:00');
    const { couponId } = (await claim('forgetful', 'cb03')).result;
    const first = await createOrder('forgetful', { projectId: 'p042', amountFen: 300, couponId });
    b.emulator.setClock({ now: t0 + 10 * 60_000, frozen: true });
    expect((await createOrder('forgetful', { projectId: 'p042', amountFen: 300, couponId })).error?.code).toBe(
      'COUPON_USED',
    ); // still payable
    b.emulator.setClock({ now: t0 + 31 * 60_000, frozen: true });
    const second = await createOrder('forgetful', { projectId: 'p042', amountFen: 300, couponId });
    expect(second.error).toBeUndefined();
    expect((await b.emulator.db.get('orders', first.result.orderId))!.status).toBe('closed');
    expect(await b.emulator.db.get('coupons', couponId)).toMatchObject({
      status: 'reserved',
      orderId: second.result.orderId,
    });
  });

  test('a call that dies between reserving the coupon and writing its order does not lose the coupon', async () => {
    const t0 = b.at(SESSION_DAY, '15:00');
    const { couponId } = (await claim('unlucky', 'cb01')).result;
    const died = b.emulator.invoke(
      'donate',
      { action: 'create', projectId: 'p023', amountFen: 600, couponId },
      { openid: 'unlucky', env: { SHANXING_FAULT: 'create:afterCoupon' } },
    );
    await expect(died).rejects.toThrow(/injected fault/);
    const orphan = (await b.emulator.db.get('coupons', couponId))!;
    expect(orphan.status).toBe('reserved');
    expect(await b.emulator.db.get('orders', orphan.orderId)).toBeNull();
    // Within the grace period the reservation may still belong to a live call: refused.
    b.emulator.setClock({ now: t0 + 60_000, frozen: true });
    expect((await createOrder('unlucky', { projectId: 'p023', amountFen: 600, couponId })).error?.code).toBe(
      'COUPON_USED',
    );
    // After it (longer than any function run), the orphan is released and the coupon works.
    b.emulator.setClock({ now: t0 + 3 * 60_000, frozen: true });
    const retry = await createOrder('unlucky', { projectId: 'p023', amountFen: 600, couponId });
    expect(retry.error).toBeUndefined();
    await b.emulator.pay(retry.result.orderId);
    expect(await b.emulator.db.get('coupons', couponId)).toMatchObject({
      status: 'used',
      orderId: retry.result.orderId,
    });
    expect((await b.emulator.db.get('orders', retry.result.orderId))!.couponFen).toBe(500);
  });

  test('an order closed by a call that died before releasing its coupon does not keep the coupon', async () => {
    b.at(SESSION_DAY, '15:30');
    const { couponId } = (await claim('stranded', 'cb05')).result;
    const first = await createOrder('stranded', { projectId: 'p003', amountFen: 200, couponId });
    const order = (await b.emulator.db.get('orders', first.result.orderId))!;
    // closed, coupon not released
    await b.emulator.db.put('orders', { ...order, status: 'closed', closedAt: b.emulator.now() });
    const second = await createOrder('stranded', { projectId: 'p003', amountFen: 200, couponId });
    expect(second.error).toBeUndefined();
    expect(await b.emulator.db.get('coupons', couponId)).toMatchObject({
      status: 'reserved',
      orderId: second.result.orderId,
    });
  });

  test('the ledger reconciles with coupon money on paid orders (npm run reconcile)', async () => {
    const r = await b.call('admin', { action: 'reconcile' }, { openid: 'admin-local' });
    expect(r.result.problems).toEqual([]);
  });
});
