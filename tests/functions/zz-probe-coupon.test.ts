import { startBackend, SESSION_DAY, type Backend } from './backend';
let b: Backend;
beforeAll(async () => { b = await startBackend(); });
afterAll(() => b.stop());
test('probe', async () => {
  const t0 = b.at(SESSION_DAY, '13:00');
  const { couponId } = (await b.call('coupons', { action: 'claim', batchId: 'cb01' }, { openid: 'u' })).result;
  const x = (await b.call('donate', { action: 'create', projectId: 'p020', amountFen: 100, couponId }, { openid: 'u' })).result;
  b.emulator.setClock({ now: t0 + 31 * 60_000, frozen: true });
  console.log('x status', (await b.status('u', x.orderId)).status);
  const yr = (await b.call('donate', { action: 'create', projectId: 'p020', amountFen: 100, couponId }, { openid: 'u' }));
  console.log('y', JSON.stringify(yr.error ?? yr.result.orderId), x.orderId);
  console.log('late cb', JSON.stringify(await b.callback(b.notification(x.orderId, x.payFen))));
  if (yr.result) console.log('pay y', JSON.stringify(await b.emulator.pay(yr.result.orderId)));
  for (const id of [x.orderId, yr.result?.orderId]) { const o = await b.emulator.db.get('orders', id); console.log(id, o?.status, o?.couponFen, o?.couponId); }
  console.log(JSON.stringify(await b.emulator.db.get('coupons', couponId)));
});
