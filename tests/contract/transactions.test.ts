/**
 * Transactions behave like CloudBase's (MongoDB snapshot isolation, first writer wins), driven through
 * the real SDKs. Fixture functions keep SDK transaction objects in a map between invocations, so one
 * test can interleave two transactions step by step. `sdk: 'node'` uses @cloudbase/node-sdk directly
 * (errors keep their `code`); the default is wx-server-sdk, as the app uses (errors become errCode).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionSource } from '../../tools/emulator/src';
import { Store } from '../../tools/emulator/src/store';
import { TxManager } from '../../tools/emulator/src/tx';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

const cloud: any = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const tcb: any = require('@cloudbase/node-sdk');
// Inited inside the invocation, which holds the emulator's credentials. `impatient` gives up on a
// request after 300 ms (the emulator waits up to 600 ms for a transaction).
const nodeApp = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
const impatient = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, timeout: 300 });

const LIFETIME_MS = 4000;
const WAIT_MS = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dbOf = (sdk?: string) =>
  sdk === 'node'
    ? nodeApp().database()
    : sdk === 'impatient'
      ? impatient().database()
      : cloud.database({ throwOnNotFound: false });
const open = new Map<string, any>();

async function attempt(fn: () => Promise<unknown>): Promise<any> {
  try {
    return { ok: await fn() };
  } catch (e: any) {
    return { err: { code: e?.code, errCode: e?.errCode, message: String(e?.message ?? e) } };
  }
}

/** One operation on a document, in transaction `ev.tx` or (without it) outside any. */
function docOp(ev: any) {
  const db = dbOf(ev.sdk);
  const _ = db.command;
  const c = (ev.tx ? open.get(ev.tx) : db).collection(ev.c ?? 'acct');
  const ref = c.doc(ev.id);
  // wx-server-sdk takes {data}; node-sdk takes the data itself.
  const arg = (data: unknown) => (ev.sdk ? data : { data });
  switch (ev.op) {
    case 'get':
      return ref.get().then((r: any) => (Array.isArray(r.data) ? (r.data[0] ?? null) : r.data));
    case 'set':
      return ref.set(arg(ev.data));
    case 'inc':
      return ref.update(arg({ n: _.inc(ev.by ?? 1) }));
    case 'add':
      return c.add(arg({ _id: ev.id, ...ev.data }));
    case 'remove':
      return ref.remove();
    case 'decr': // the guarded write: check and write as one step
      return db
        .collection(ev.c ?? 'acct')
        .where({ _id: ev.id, n: _.gte(ev.k) })
        .update(arg({ n: _.inc(-ev.k) }));
  }
  throw new Error(`unknown op ${ev.op}`);
}

const fns: Record<string, (ev: any) => unknown> = {
  txstart: async (ev) => {
    open.set(ev.tx, await dbOf(ev.sdk).startTransaction());
    return 'started';
  },
  op: (ev) => attempt(() => docOp(ev)),
  commit: (ev) => attempt(() => open.get(ev.tx).commit()),
  rollback: (ev) => attempt(() => open.get(ev.tx).rollback()),
  // Read-modify-write of one counter with runTransaction's retries; a log doc makes half a commit visible.
  txinc: (ev) =>
    attempt(() =>
      dbOf(ev.sdk).runTransaction(async (tx: any) => {
        const arg = (data: unknown) => (ev.sdk ? data : { data });
        const ref = tx.collection('ctr').doc(ev.id);
        const n = (await ref.get()).data.n;
        await ref.update(arg({ n: n + 1 }));
        await tx.collection('ctrlog').add(arg({ _id: `${ev.sdk}-${ev.id}-${n}`, n }));
        return n;
      }, ev.times ?? 3),
    ),
};
const functions: FunctionSource = { names: Object.keys(fns), load: (name) => ({ main: fns[name] }) };

let t: TestEmulator;
const call = (fn: string, ev: Record<string, unknown> = {}) => t.emulator.invoke(fn, ev) as Promise<any>;
const op = (ev: Record<string, unknown>) => call('op', ev);
const put = (id: string, n: number, c = 'acct') => t.emulator.db.put(c, { _id: id, n });
const n = async (id: string, c = 'acct') => (await t.emulator.db.get(c, id))?.n;
const isConflict = (r: any) =>
  r.err && (r.err.code === 'DATABASE_TRANSACTION_CONFLICT' || /TransactionConflict/.test(r.err.message));

beforeAll(async () => {
  t = await startTestEmulator({ functions, txLifetimeMs: LIFETIME_MS, plainWriteWaitMs: WAIT_MS });
});
afterAll(() => t.stop());

test('write skew is possible: two transactions read A and B, each writes the other, both commit', async () => {
  await put('A', 1);
  await put('B', 1);
  await call('txstart', { tx: 's1' });
  await call('txstart', { tx: 's2' });
  // Each allows taking 1 from "its" account only if A + B >= 2 (a rule over a document it does not write).
  for (const [tx, mine] of [
    ['s1', 'A'],
    ['s2', 'B'],
  ]) {
    const a = (await op({ tx, op: 'get', id: 'A' })).ok.n;
    const b = (await op({ tx, op: 'get', id: 'B' })).ok.n;
    expect(a + b).toBe(2);
    expect((await op({ tx, op: 'inc', id: mine, by: -1 })).ok.stats.updated).toBe(1);
  }
  expect((await call('commit', { tx: 's1' })).err).toBeUndefined();
  expect((await call('commit', { tx: 's2' })).err).toBeUndefined();
  expect([await n('A'), await n('B')]).toEqual([0, 0]); // the rule is broken: snapshot isolation, not serializable
});

test('a second writer conflicts at once, and its transaction is aborted; the first commits', async () => {
  await put('X', 10);
  await call('txstart', { tx: 'w1', sdk: 'node' });
  await call('txstart', { tx: 'w2', sdk: 'node' });
  expect((await op({ tx: 'w1', sdk: 'node', op: 'inc', id: 'X' })).ok.updated).toBe(1);
  // w1 is still open, so this answer cannot have waited for it.
  const second = await op({ tx: 'w2', sdk: 'node', op: 'inc', id: 'X' });
  expect(second.err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await op({ tx: 'w2', sdk: 'node', op: 'get', id: 'X' })).err.code).toBe('DATABASE_TRANSACTION_FAIL');
  expect((await call('commit', { tx: 'w1' })).err).toBeUndefined();
  expect(await n('X')).toBe(11);
});

test('through wx-server-sdk the conflict arrives as errCode -501001 without `code`', async () => {
  await put('Y', 0);
  await call('txstart', { tx: 'x1' });
  await call('txstart', { tx: 'x2' });
  await op({ tx: 'x1', op: 'inc', id: 'Y' });
  const r = await op({ tx: 'x2', op: 'inc', id: 'Y' });
  expect(r.err.code).toBeUndefined();
  expect(r.err.errCode).toBe(-501001);
  expect(r.err.message).toMatch(/TransactionConflict/);
  await call('rollback', { tx: 'x1' });
  expect(await n('Y')).toBe(0);
});

test('a transactional write after a plain write to the same doc (since the snapshot) conflicts', async () => {
  await put('P', 5);
  await call('txstart', { tx: 'p1', sdk: 'node' });
  expect((await op({ tx: 'p1', sdk: 'node', op: 'get', id: 'P' })).ok.n).toBe(5);
  expect((await op({ op: 'inc', id: 'P' })).ok.stats.updated).toBe(1); // no claim yet: goes straight through
  expect(isConflict(await op({ tx: 'p1', sdk: 'node', op: 'inc', id: 'P' }))).toBe(true);
  expect(await n('P')).toBe(6);
});

const INSERT_IN_SNAPSHOT =
  'inserting an _id in the snapshot is a duplicate key; one a concurrent transaction inserted conflicts';
test(INSERT_IN_SNAPSHOT, async () => {
  await put('I', 1);
  await call('txstart', { tx: 'i1', sdk: 'node' });
  await call('txstart', { tx: 'i2', sdk: 'node' });
  const dup = await op({ tx: 'i1', sdk: 'node', op: 'add', id: 'I', data: { n: 2 } });
  expect(dup.err.code).toBe('DATABASE_REQUEST_FAILED');
  expect(dup.err.message).toMatch(/E11000 duplicate key/);
  // A failed write aborts the transaction, as in MongoDB.
  expect((await op({ tx: 'i1', sdk: 'node', op: 'get', id: 'I' })).err.code).toBe('DATABASE_TRANSACTION_FAIL');
  expect((await op({ tx: 'i2', sdk: 'node', op: 'add', id: 'fresh', data: { n: 1 } })).ok).toBeTruthy();
  await call('txstart', { tx: 'i3', sdk: 'node' });
  expect(isConflict(await op({ tx: 'i3', sdk: 'node', op: 'add', id: 'fresh', data: { n: 3 } }))).toBe(true);
  expect((await call('commit', { tx: 'i2' })).err).toBeUndefined();
  expect(await n('fresh')).toBe(1);
});

test('a snapshot read does not see a later commit; plain reads do', async () => {
  await put('S', 1);
  await put('T', 1);
  await call('txstart', { tx: 'r1' });
  await call('txstart', { tx: 'r2' });
  await op({ tx: 'r2', op: 'inc', id: 'S' });
  await op({ tx: 'r2', op: 'remove', id: 'T' });
  expect((await call('commit', { tx: 'r2' })).err).toBeUndefined();
  await op({ op: 'inc', id: 'S' }); // and a plain write after that
  expect((await op({ tx: 'r1', op: 'get', id: 'S' })).ok.n).toBe(1);
  expect((await op({ tx: 'r1', op: 'get', id: 'T' })).ok.n).toBe(1);
  expect((await op({ op: 'get', id: 'S' })).ok.n).toBe(3);
  expect((await op({ op: 'get', id: 'T' })).ok).toBeNull();
  // Its own write is visible to it (and a write to S would conflict: S changed since the snapshot).
  await op({ tx: 'r1', op: 'set', id: 'U', data: { n: 7 } });
  expect((await op({ tx: 'r1', op: 'get', id: 'U' })).ok.n).toBe(7);
  expect(isConflict(await op({ tx: 'r1', op: 'inc', id: 'S' }))).toBe(true);
  expect(await t.emulator.db.get('acct', 'U')).toBeNull();
});

/** Wait until the emulator reports one more plain write waiting for a transaction. */
async function untilWaiting(before: number): Promise<void> {
  while (t.emulator.metrics().lockWaits <= before) await sleep(5);
}

test('a plain write to a doc a transaction wrote waits for it, then applies (guard rechecked)', async () => {
  await put('G', 5);
  await call('txstart', { tx: 'g1' });
  await op({ tx: 'g1', op: 'inc', id: 'G', by: -3 });
  const before = t.emulator.metrics().lockWaits;
  const plain = op({ op: 'decr', id: 'G', k: 2 });
  await untilWaiting(before);
  expect(await n('G')).toBe(5);
  expect((await call('commit', { tx: 'g1' })).err).toBeUndefined();
  expect((await plain).ok.stats.updated).toBe(1);
  expect(await n('G')).toBe(0);
  // The guard sees the committed value: another decrement of 2 does not apply.
  expect((await op({ op: 'decr', id: 'G', k: 2 })).ok.stats.updated).toBe(0);
});

test('a plain write whose wait runs out fails and is never applied later', async () => {
  await put('H', 5);
  await call('txstart', { tx: 'h1' });
  await op({ tx: 'h1', op: 'inc', id: 'H' });
  const r = await op({ op: 'decr', id: 'H', k: 1 });
  expect(r.err.errCode).toBe(-501002); // SERVER_TIMEOUT
  expect((await call('commit', { tx: 'h1' })).err).toBeUndefined();
  await sleep(50);
  expect(await n('H')).toBe(6);
});

test('a plain write the SDK gave up on (socket closed at its timeout) is dropped', async () => {
  await put('K', 5);
  await call('txstart', { tx: 'k1' });
  await op({ tx: 'k1', op: 'inc', id: 'K' });
  const r = await op({ op: 'decr', id: 'K', k: 1, sdk: 'impatient' });
  expect(r.err.message).toMatch(/ESOCKETTIMEDOUT|ETIMEDOUT|timeout/i);
  expect((await call('commit', { tx: 'k1' })).err).toBeUndefined();
  await sleep(WAIT_MS);
  expect(await n('K')).toBe(6);
});

test('calls on a committed or aborted transaction answer DATABASE_TRANSACTION_FAIL', async () => {
  await put('F', 1);
  await call('txstart', { tx: 'f1', sdk: 'node' });
  await op({ tx: 'f1', sdk: 'node', op: 'inc', id: 'F' });
  expect((await call('commit', { tx: 'f1' })).err).toBeUndefined();
  await call('txstart', { tx: 'f2', sdk: 'node' });
  expect((await call('rollback', { tx: 'f2' })).err).toBeUndefined();
  for (const tx of ['f1', 'f2']) {
    expect((await op({ tx, sdk: 'node', op: 'get', id: 'F' })).err.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await op({ tx, sdk: 'node', op: 'inc', id: 'F' })).err.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await call('commit', { tx })).err.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await call('rollback', { tx })).err.code).toBe('DATABASE_TRANSACTION_FAIL');
  }
  expect(await n('F')).toBe(2);
});

test('a transaction left open is aborted after its lifetime; its writes vanish and free the doc', async () => {
  await put('L', 1);
  t.emulator.resetMetrics();
  await call('txstart', { tx: 'l1', sdk: 'node' });
  await op({ tx: 'l1', sdk: 'node', op: 'inc', id: 'L' });
  await sleep(LIFETIME_MS + 200);
  expect((await call('commit', { tx: 'l1' })).err.code).toBe('DATABASE_TRANSACTION_FAIL');
  expect((await op({ op: 'decr', id: 'L', k: 1 })).ok.stats.updated).toBe(1);
  expect(await n('L')).toBe(0);
  expect(t.emulator.metrics().transactions).toMatchObject({ started: 1, committed: 0, aborted: 1 });
});

test.each([
  ['wx-server-sdk', 'wx', undefined, 3],
  ['node-sdk', 'node', 'node', 10],
])(
  '%s: 20 concurrent runTransaction increments either land or fail with the conflict, never half',
  async (_name, id, sdk, times) => {
    await put(id, 0, 'ctr');
    t.emulator.resetMetrics();
    const rs = await Promise.all(Array.from({ length: 20 }, () => call('txinc', { sdk, id, times })));
    const landed = rs.filter((r) => !r.err);
    const failed = rs.filter((r) => r.err);
    expect(failed.filter((r) => !isConflict(r))).toEqual([]);
    expect(await n(id, 'ctr')).toBe(landed.length);
    const logs = await t.emulator.db.find('ctrlog', (d) => String(d._id).startsWith(`${String(sdk)}-${id}-`));
    expect(logs.map((d) => d.n).sort((a, b) => a - b)).toEqual(landed.map((r) => r.ok).sort((a, b) => a - b));
    const m = t.emulator.metrics().transactions;
    expect(m.committed).toBe(landed.length);
    expect(m.conflicts).toBeGreaterThanOrEqual(failed.length);
    // wx-server-sdk strips `code` from operation errors, so runTransaction never retries a conflict;
    // node-sdk keeps it and retries.
    if (!sdk) expect(m.retries).toBe(0);
    else expect(m.retries).toBeGreaterThan(0);
    console.log(`[transactions] ${id}: ${landed.length}/20 landed, ${failed.length} conflicted, retries ${m.retries}`);
  },
);

describe('TxManager directly', () => {
  let dir: string;
  let store: Store;
  let txm: TxManager;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-tx-'));
    store = new Store(dir);
    txm = new TxManager(store, { lifetimeMs: 60_000, plainWaitMs: 1000 });
  });
  afterEach(() => {
    txm.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('old versions are kept only while an open snapshot needs them', async () => {
    const c = await store.collection('m');
    await c.apply([{ id: 'a', doc: { _id: 'a', v: 0 } }]);
    const old = txm.begin();
    for (let v = 1; v <= 50; v++) await c.apply([{ id: 'a', doc: { _id: 'a', v } }]);
    const mid = txm.begin();
    for (let v = 51; v <= 100; v++) await c.apply([{ id: 'a', doc: { _id: 'a', v } }]);
    expect(txm.read(old, c, 'a')?.v).toBe(0);
    expect(txm.read(mid, c, 'a')?.v).toBe(50);
    expect(txm.stats().oldVersions).toBe(100);
    txm.abort(old);
    expect(txm.read(mid, c, 'a')?.v).toBe(50);
    expect(txm.stats().oldVersions).toBeLessThanOrEqual(50);
    txm.abort(mid);
    expect(txm.stats()).toMatchObject({ active: 0, claims: 0, snapshots: 0, trackedDocs: 0, oldVersions: 0 });
  });

  test('plain readers see all of a multi-collection commit or none of it', async () => {
    const a = await store.collection('ca');
    const b = await store.collection('cb');
    await a.apply([{ id: 'x', doc: { _id: 'x', v: 0 } }]);
    await b.apply([{ id: 'x', doc: { _id: 'x', v: 0 } }]);
    const tx = txm.begin();
    await txm.write(tx, a, 'x', { _id: 'x', v: 1 });
    await txm.write(tx, b, 'x', { _id: 'x', v: 1 });
    let done = false;
    const seen = new Set<string>();
    const commit = txm.commit(tx).then(() => (done = true));
    while (!done) {
      seen.add(`${a.get('x')?.v}${b.get('x')?.v}`);
      await new Promise((r) => setImmediate(r));
    }
    await commit;
    seen.add(`${a.get('x')?.v}${b.get('x')?.v}`);
    expect([...seen].filter((s) => s !== '00' && s !== '11')).toEqual([]);
    expect(seen.has('11')).toBe(true);
  });
});
