/**
 * Matches that look random, through the real functions: at low demand (an idle pool in the afternoon)
 * twenty 10-yuan donations get matched amounts that differ, none the whole donation (match.maxRatioBp).
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

test('20 donations at low demand: amounts differ and none is the whole donation', async () => {
  const amounts: number[] = [];
  for (let i = 0; i < 20; i++) {
    b.at(SESSION_DAY, '14:00', { seconds: i * 600 }); // one donation every 10 minutes: the pool is idle
    const orderId = await b.donate(`idle-donor-${i}`, `p0${10 + (i % 5)}`, 1_000);
    const st = await b.status(`idle-donor-${i}`, orderId);
    expect(st.status).toBe('paid');
    amounts.push(st.match.amountFen);
  }
  for (const a of amounts) {
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(1_000);
    expect(a).toBeLessThanOrEqual(800);
  }
  expect(new Set(amounts).size).toBeGreaterThan(10);
});
