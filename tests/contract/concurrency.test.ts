/** Atomic guarded updates, serializable transactions and per-invocation identity under load. */
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { fixtureFunctions } from './fns';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ functions: fixtureFunctions, plainWriteWaitMs: 2000, txLifetimeMs: 1500 });
});
afterAll(() => t.stop());

test('guarded decrement from 200 concurrent real-SDK invocations: exactly 100 succeed, never negative', async () => {
  await t.emulator.db.put('stock', { _id: 's', n: 100 });
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) => t.emulator.invoke('decr', { c: 'stock', id: 's', k: 1 }, { openid: `u${i}` }) as Promise<any>),
  );
  expect(results.filter((r) => r.updated === 1)).toHaveLength(100);
  expect(results.filter((r) => r.updated === 0)).toHaveLength(100);
  expect((await t.emulator.db.get('stock', 's'))?.n).toBe(0);
});

test('guarded decrement by k > 1 never overdraws', async () => {
  await t.emulator.db.put('stock', { _id: 'k', n: 10 });
  const results = await Promise.all(Array.from({ length: 20 }, () => t.emulator.invoke('decr', { c: 'stock', id: 'k', k: 3 }) as Promise<any>));
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

test('50 concurrent read-modify-write transactions produce the exact total', async () => {
  t.emulator.resetMetrics();
  const results = await Promise.all(Array.from({ length: 50 }, () => t.emulator.invoke('txinc', { c: 'tx', id: 'ctr' }) as Promise<any>));
  expect(results.filter((r) => r && r.caught)).toEqual([]);
  expect((await t.emulator.db.get('tx', 'ctr'))?.n).toBe(50);
  // Every transaction saw a distinct value (serializable): 0..49, each logged once.
  expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  const m = t.emulator.metrics();
  expect(m.transactions.committed).toBe(50);
  expect(m.txReads).toBe(50);
});

test('transactions and guarded updates on the same document never interleave', async () => {
  await t.emulator.db.put('mix', { _id: 'm', n: 1000 });
  const work: Promise<unknown>[] = [];
  for (let i = 0; i < 30; i++) {
    work.push(t.emulator.invoke('txinc', { c: 'mix', id: 'm' }));
    work.push(t.emulator.invoke('decr', { c: 'mix', id: 'm', k: 2 }));
  }
  const results = (await Promise.all(work)) as any[];
  expect(results.filter((r) => r && r.caught)).toEqual([]);
  expect((await t.emulator.db.get('mix', 'm'))?.n).toBe(1000 + 30 - 60);
});

test('a deadlock dooms one transaction; its commit conflicts and runTransaction retries it', async () => {
  await t.emulator.db.put('dl', { _id: 'A', n: 0 });
  await t.emulator.db.put('dl', { _id: 'B', n: 0 });
  t.emulator.resetMetrics();
  const results = await Promise.all([
    t.emulator.invoke('txswap', { c: 'dl', ids: ['A', 'B'] }),
    t.emulator.invoke('txswap', { c: 'dl', ids: ['B', 'A'] }),
  ]);
  expect(results).toEqual(['ok', 'ok']);
  expect((await t.emulator.db.get('dl', 'A'))?.n).toBe(2);
  expect((await t.emulator.db.get('dl', 'B'))?.n).toBe(2);
  const m = t.emulator.metrics();
  expect(m.transactions.conflicts).toBeGreaterThanOrEqual(1);
  expect(m.transactions.retries).toBeGreaterThanOrEqual(1);
  expect(m.transactions.committed).toBe(2);
});

test('an abandoned transaction is aborted after the idle timeout and releases its locks', async () => {
  await t.emulator.db.put('idle', { _id: 'i', n: 5 });
  const post = (body: Record<string, unknown>) => t.tcb(body);
  const { transactionId } = await post({ action: 'database.startTransaction' });
  await post({ action: 'database.getDocument', collectionName: 'idle', query: '{"_id":"i"}', queryType: 'DOC', transactionId });
  // Caller "crashed": no commit. A guarded update waits for the lock, then proceeds after the idle abort.
  const started = Date.now();
  expect(await t.emulator.invoke('decr', { c: 'idle', id: 'i', k: 1 })).toEqual({ updated: 1 });
  expect(Date.now() - started).toBeGreaterThan(800);
  expect((await post({ action: 'database.commitTransaction', transactionId })).code).toBe('DATABASE_TRANSACTION_CONFLICT');
});

test('200 concurrent invocations with different openids each see their own getWXContext', async () => {
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) => t.emulator.invoke('whoami', { i }, { openid: `user_${i}`, source: i % 2 ? 'wx_client' : 'wx_http' }) as Promise<any>),
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
