/** Atomic guarded updates, transactions mixed with them, and per-invocation identity under load. */
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { fixtureFunctions } from './fns';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ functions: fixtureFunctions });
});
afterAll(() => t.stop());

test('guarded decrement from 200 concurrent real-SDK invocations: exactly 100 succeed, never negative', async () => {
  await t.emulator.db.put('stock', { _id: 's', n: 100 });
  const results = await Promise.all(
    Array.from(
      { length: 200 },
      (_, i) => t.emulator.invoke('decr', { c: 'stock', id: 's', k: 1 }, { openid: `u${i}` }) as Promise<any>,
    ),
  );
  expect(results.filter((r) => r.updated === 1)).toHaveLength(100);
  expect(results.filter((r) => r.updated === 0)).toHaveLength(100);
  expect((await t.emulator.db.get('stock', 's'))?.n).toBe(0);
});

test('guarded decrement by k > 1 never overdraws', async () => {
  await t.emulator.db.put('stock', { _id: 'k', n: 10 });
  const results = await Promise.all(
    Array.from({ length: 20 }, () => t.emulator.invoke('decr', { c: 'stock', id: 'k', k: 3 }) as Promise<any>),
  );
  expect(results.filter((r) => r.updated === 1)).toHaveLength(3);
  expect((await t.emulator.db.get('stock', 'k'))?.n).toBe(1);
});

test('a transaction whose callback throws writes nothing', async () => {
  await t.emulator.db.put('tx', { _id: 'r', n: 1 });
  const r: any = await t.emulator.invoke('txfail', { c: 'tx', id: 'r' });
  expect(r.caught.message).toMatch(/callback failed/);
  expect(await t.emulator.db.get('tx', 'r')).toEqual({ _id: 'r', n: 1 });
  expect(await t.emulator.db.get('tx', 'r-new')).toBeNull();
  // Its locks are gone: a guarded update on the same doc goes straight through.
  expect(await t.emulator.invoke('decr', { c: 'tx', id: 'r', k: 1 })).toEqual({ updated: 1 });
});

// Transaction semantics (snapshot isolation, first writer wins, lifetime) are in transactions.test.ts.
test('50 concurrent read-modify-write transactions: each lands whole or fails with the conflict', async () => {
  t.emulator.resetMetrics();
  const results = await Promise.all(
    Array.from({ length: 50 }, () => t.emulator.invoke('txinc', { c: 'tx', id: 'ctr' }) as Promise<any>),
  );
  const landed = results.filter((r) => !(r && r.caught));
  expect(results.filter((r) => r && r.caught && !/TransactionConflict/.test(r.caught.message))).toEqual([]);
  expect(landed.length).toBeGreaterThan(0);
  expect((await t.emulator.db.get('tx', 'ctr'))?.n).toBe(landed.length);
  // Each landed transaction saw a distinct value and logged it: nothing half-applied.
  expect(new Set(landed).size).toBe(landed.length);
  for (const v of landed) expect(await t.emulator.db.get('tx', `ctr-log-${v}`)).toEqual({ _id: `ctr-log-${v}`, n: v });
  expect(t.emulator.metrics().transactions.committed).toBe(landed.length);
});

test('transactions and guarded updates on the same document never lose an update', async () => {
  await t.emulator.db.put('mix', { _id: 'm', n: 1000 });
  const work: Promise<unknown>[] = [];
  for (let i = 0; i < 30; i++) {
    work.push(t.emulator.invoke('txinc', { c: 'mix', id: 'm' }));
    work.push(t.emulator.invoke('decr', { c: 'mix', id: 'm', k: 2 }));
  }
  const results = (await Promise.all(work)) as any[];
  const txLanded = results.filter((r, i) => i % 2 === 0 && !(r && r.caught)).length;
  expect(results.filter((r) => r && r.caught && !/TransactionConflict/.test(r.caught.message))).toEqual([]);
  expect(results.filter((r, i) => i % 2 === 1 && r.updated !== 1)).toEqual([]);
  expect((await t.emulator.db.get('mix', 'm'))?.n).toBe(1000 + txLanded - 60);
});

test('200 concurrent invocations with different openids each see their own getWXContext', async () => {
  const results = await Promise.all(
    Array.from(
      { length: 200 },
      (_, i) =>
        t.emulator.invoke(
          'whoami',
          { i },
          { openid: `user_${i}`, source: i % 2 ? 'wx_client' : 'wx_http' },
        ) as Promise<any>,
    ),
  );
  results.forEach((r, i) => {
    expect(r.ctx.OPENID).toBe(`user_${i}`);
    expect(r.ctx.APPID).toBe('wx-shanxing-local');
    expect(r.ctx.SOURCE).toBe(i % 2 ? 'wx_client' : 'wx_http');
    expect(r.event.i).toBe(i);
  });
  // Outside invocations the global environment has no caller.
  expect(process.env.WX_OPENID).toBeUndefined();
});

test('extra per-invocation env reaches only that invocation', async () => {
  const [a, b] = (await Promise.all([
    t.emulator.invoke('whoami', {}, { openid: 'a', env: { SHANXING_CLOCK: '{"fixedMs":1}' } }),
    t.emulator.invoke('whoami', {}, { openid: 'b' }),
  ])) as any[];
  expect(a.clock).toBe('{"fixedMs":1}');
  expect(b.clock).toBe('{"offsetMs":0}');
});
