/**
 * The payment callback under WeChat's real behaviour: concurrent payments, notifications repeated and
 * reordered, and an instance dying between any two steps — every payment takes effect exactly once.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

async function totals(id: string) {
  return (await b.call('projects', { action: 'get', id }, { openid: 'viewer' })).result;
}

function shuffle<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test('1,000 concurrent donations to one project: totals exact', async () => {
  b.at(SESSION_DAY, '09:00', { running: true }); // before 10:00: no match, pure donation path
  const project = 'p002';
  const before = await totals(project);
  const amounts = Array.from({ length: 1000 }, (_, i) => 100 + (i % 7) * 100);
  const orderIds = await Promise.all(amounts.map((amountFen, i) => b.donate(`crowd-${i}`, project, amountFen)));
  await b.settled(orderIds);
  expect(new Set(orderIds).size).toBe(1000);
  const after = await totals(project);
  const sum = amounts.reduce((a, c) => a + c, 0);
  expect(after.bySource.public - before.bySource.public).toBe(sum);
  expect(after.donationCount - before.donationCount).toBe(1000);
  expect(after.donorCount - before.donorCount).toBe(1000);
  const ids = new Set(orderIds);
  expect(await b.count('journal', (e) => ids.has(e.orderId))).toBe(1000);
}, 180_000);

test('a notification replayed 15 times, concurrently and out of order, has one effect', async () => {
  b.at(SESSION_DAY, '10:30', { running: true });
  const project = 'p003';
  const before = await totals(project);
  const a = await b.create('replay-a', { projectId: project, amountFen: 800 });
  const c = await b.create('replay-c', { projectId: project, amountFen: 300 });
  const events = shuffle([
    ...Array.from({ length: 15 }, () => b.notification(a.orderId, a.payFen)),
    ...Array.from({ length: 15 }, () => b.notification(c.orderId, c.payFen)),
  ]);
  const results = await Promise.all(events.map((e) => b.callback(e)));
  expect(results.every((r) => r.errcode === 0)).toBe(true);
  const after = await totals(project);
  expect(after.bySource.public - before.bySource.public).toBe(1100);
  expect(after.donationCount - before.donationCount).toBe(2);
  const matched = [a.orderId, c.orderId].map(async (id) => (await b.emulator.db.get('orders', id))!.match.amountFen);
  const matchSum = (await Promise.all(matched)).reduce((s, m) => s + m, 0);
  expect(after.bySource.match - before.bySource.match).toBe(matchSum);
  expect(await b.count('journal', (e) => e.orderId === a.orderId || e.orderId === c.orderId)).toBe(2);
});

test('a notification with a wrong amount is flagged and changes no money', async () => {
  b.at(SESSION_DAY, '10:40', { running: true });
  const o = await b.create('cheat', { projectId: 'p004', amountFen: 5000 });
  const r = await b.callback(b.notification(o.orderId, 1));
  expect(r.errcode).toBe(0);
  const order = await b.emulator.db.get('orders', o.orderId);
  expect(order).toMatchObject({ status: 'pending', anomaly: { totalFee: 1 } });
  expect(await b.count('journal', (e) => e.orderId === o.orderId)).toBe(0);
});

const CRASH_POINTS = [
  'callback:beforeTx',
  'callback:afterRead',
  'callback:afterDraw',
  'callback:beforeCounter',
  'callback:beforeCommit',
  'callback:afterCommit',
];

test.each(CRASH_POINTS)('a crash at %s: the retry completes it, nothing doubled', async (point) => {
  b.at(SESSION_DAY, '11:15', { running: true });
  const project = 'p005';
  const before = await totals(project);
  const poolBefore = await poolSpent();
  const o = await b.create(`crash-${point.replace(':', '-')}`, { projectId: project, amountFen: 2000 });
  const event = b.notification(o.orderId, o.payFen);
  await expect(b.callback(event, { SHANXING_FAULT: point })).rejects.toThrow();
  // WeChat retries (twice here, once racing another copy): exactly one effect.
  const retries = await Promise.all([b.callback(event), b.callback(event)]);
  expect(retries.map((r) => r.errcode)).toEqual([0, 0]);
  const order = await b.emulator.db.get('orders', o.orderId);
  expect(order!.status).toBe('paid');
  const after = await totals(project);
  expect(after.bySource.public - before.bySource.public).toBe(2000);
  expect(after.bySource.match - before.bySource.match).toBe(order!.match.amountFen);
  expect((await poolSpent()) - poolBefore).toBe(order!.match.amountFen);
  expect(await b.count('journal', (e) => e.orderId === o.orderId)).toBe(1);
});

async function poolSpent(): Promise<number> {
  const shards = await b.emulator.db.find('pool_shards');
  return shards.reduce((s, d) => s + d.spentFen, 0);
}
