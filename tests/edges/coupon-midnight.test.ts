/**
 * Love coupons at the end of their window, through the functions (real SDK, emulator). jest runs this
 * file once per server time zone: a batch valid "until 23:59:59" Beijing works through that whole
 * second — donations are open until 24:00 — and stops at 24:00:00.000.
 */
import { startBackend, type Backend } from '../functions/backend';
import { beijingMs } from '../../domain/time';

let b: Backend;
beforeAll(async () => {
  b = await startBackend({ randomSeed: 'coupon-edges' });
});
afterAll(() => b.stop());

/** cb02 (大米先生·乡村课堂) is valid on 2022-04-28 from 10:00 to 23:59:59 Beijing, for p023 among others. */
const BATCH = 'cb02';
const P = 'p023';
const setMs = (ms: number) => b.emulator.setClock({ now: ms, frozen: true });
const midnight = beijingMs('2022-04-28', '24:00');

async function claim(openid: string) {
  return b.call('coupons', { action: 'claim', batchId: BATCH }, { openid });
}

test('the server clock really is in the zone under test', () => {
  expect(process.env.TZ).toBe(process.env.SHANXING_TEST_TZ);
});

test('at 23:59:59.500 Beijing the coupon is listed valid, can be claimed and backs a donation', async () => {
  setMs(midnight - 500);
  const listed = (await b.call('coupons', { action: 'list', projectId: P }, { openid: 'owl' })).result.items.find(
    (i: any) => i.batchId === BATCH,
  );
  expect(listed.valid).toBe(true);
  const c = await claim('owl');
  expect(c.error).toBeUndefined();
  const order = await b.call(
    'donate',
    { action: 'create', projectId: P, amountFen: 500, couponId: c.result.couponId },
    { openid: 'owl' },
  );
  expect(order.error).toBeUndefined();
  expect((await b.emulator.db.get('orders', order.result.orderId))!.couponFen).toBe(300);
});

const EXPIRES_AT_MIDNIGHT =
  'at 23:59:59.999 it still works; at 24:00:00.000 it is expired (listed invalid, claims and use refused)';
test(EXPIRES_AT_MIDNIGHT, async () => {
  setMs(midnight - 1);
  const c = await claim('late-owl');
  expect(c.error).toBeUndefined();
  setMs(midnight);
  const listed = (await b.call('coupons', { action: 'list', projectId: P }, { openid: 'late-owl' })).result.items.find(
    (i: any) => i.batchId === BATCH,
  );
  expect(listed.valid).toBe(false);
  expect((await claim('too-late')).error?.code).toBe('COUPON_EXPIRED');
  const before = await b.count('orders');
  const order = await b.call(
    'donate',
    { action: 'create', projectId: P, amountFen: 500, couponId: c.result.couponId },
    { openid: 'late-owl' },
  );
  expect(order.error?.code).toBe('COUPON_EXPIRED');
  expect(await b.count('orders')).toBe(before);
  expect((await b.emulator.db.get('coupons', c.result.couponId))!.status).toBe('claimed');
});
