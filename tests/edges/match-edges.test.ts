/**
 * Day-bound edges of the donation and match rules, through the functions (real SDK, emulator), with a
 * pinned clock and seeded draws. jest runs this file once per server time zone (UTC, Los Angeles,
 * Beijing): every answer must be the same, because every rule reads Beijing time.
 */
import { startBackend, type Backend } from '../functions/backend';
import { beijingMs } from '../../domain/time';

let b: Backend;
beforeAll(async () => {
  b = await startBackend({ randomSeed: 'edges' });
});
afterAll(() => b.stop());

let n = 0;
/** Donate at a Beijing wall time as a fresh user; returns the order as stored after payment. */
async function donateAt(date: string, hhmmss: string, amountFen = 100) {
  const [hh, mm, ss] = hhmmss.split(':');
  b.at(date, `${hh}:${mm}`, { seconds: Number(ss ?? 0) });
  const orderId = await b.donate(`edge-${++n}`, 'p010', amountFen);
  return (await b.emulator.db.get('orders', orderId))!;
}

const drawn = (order: any) =>
  order.match && !['before_open', 'below_minimum', 'window_closed'].includes(order.match.reason);

test('the server clock really is in the zone under test', () => {
  expect(process.env.TZ).toBe(process.env.SHANXING_TEST_TZ);
});

test('99 fen is refused, 100 fen gets a draw', async () => {
  b.at('2022-04-28', '10:30');
  const r = await b.call('donate', { action: 'create', projectId: 'p010', amountFen: 99 }, { openid: 'edge-99' });
  expect(r.error?.code).toBe('AMOUNT_TOO_SMALL');
  expect(drawn(await donateAt('2022-04-28', '10:30:00', 100))).toBe(true);
});

test('09:59:59 Beijing has no draw; 10:00:00 has one', async () => {
  const early = await donateAt('2022-04-28', '09:59:59');
  expect(early.status).toBe('paid');
  expect(early.match).toEqual({ amountFen: 0, reason: 'before_open' });
  expect(drawn(await donateAt('2022-04-28', '10:00:00'))).toBe(true);
});

test('Beijing midnight: 23:59:59 belongs to the day and draws from its pool; 00:00:00 is the next day', async () => {
  const late = await donateAt('2022-04-27', '23:59:59');
  expect(late.day).toBe('2022-04-27');
  expect(late.matchShard).toMatch(/^cq2022:2022-04-27:/);
  expect(drawn(late)).toBe(true);
  const next = await donateAt('2022-04-28', '00:00:00');
  expect(next.day).toBe('2022-04-28');
  expect(next.match).toEqual({ amountFen: 0, reason: 'before_open' });
  const entry = await b.emulator.db.get('journal', `order_${next._id}`);
  expect(entry!.day).toBe('2022-04-28');
});

test('paid at 23:59:59 but confirmed after midnight: that day is closed, no draw from the new day', async () => {
  b.at('2022-04-28', '23:59', { seconds: 59 });
  const o = await b.create('edge-late-callback', { projectId: 'p010', amountFen: 500 });
  const paidAt = beijingMs('2022-04-28', '23:59') + 59_000;
  b.at('2022-04-29', '00:00', { seconds: 5 });
  expect((await b.callback(b.notification(o.orderId, o.payFen, paidAt))).errcode).toBe(0);
  const order = (await b.emulator.db.get('orders', o.orderId))!;
  expect(order.status).toBe('paid');
  expect(order.paidAt).toBe(paidAt);
  expect(order.match).toEqual({ amountFen: 0, reason: 'window_closed' });
  expect((await b.emulator.db.get('journal', `order_${o.orderId}`))!.day).toBe('2022-04-28');
});

test('the last session day draws until 23:59:59; at 00:00:00 the session is closed', async () => {
  expect(drawn(await donateAt('2022-04-29', '23:59:59'))).toBe(true);
  b.at('2022-04-30', '00:00');
  const r = await b.call('donate', { action: 'create', projectId: 'p010', amountFen: 100 }, { openid: 'edge-after' });
  expect(r.error?.code).toBe('SESSION_CLOSED');
  b.at('2022-04-26', '23:59', { seconds: 59 });
  const before = await b.call(
    'donate',
    { action: 'create', projectId: 'p010', amountFen: 100 },
    { openid: 'edge-before' },
  );
  expect(before.error?.code).toBe('SESSION_CLOSED');
});

test('the home page countdown and pool switch at Beijing 10:00 and midnight', async () => {
  b.at('2022-04-28', '09:59', { seconds: 59 });
  const before = (await b.call('campaign', { action: 'get' }, { openid: 'viewer' })).result;
  expect(before.matching).toBe(false);
  expect(Date.parse(before.nextMatchAt)).toBe(beijingMs('2022-04-28', '10:00'));
  b.at('2022-04-28', '10:00');
  expect((await b.call('campaign', { action: 'get' }, { openid: 'viewer' })).result.matching).toBe(true);
  b.at('2022-04-29', '00:00');
  const midnight = (await b.call('campaign', { action: 'get' }, { openid: 'viewer' })).result;
  expect(midnight.matching).toBe(false);
  expect(Date.parse(midnight.nextMatchAt)).toBe(beijingMs('2022-04-29', '10:00'));
});
