/** Secondary indexes (equality, range, ordered pages) answer exactly what a scan would; datafiles are compacted. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadIndexSpec } from '../../tools/emulator/src/indexes';
import { compare as mingoCompare } from 'mingo/util';
import { matcher, sortSkipLimit } from '../../tools/emulator/src/query';
import { cmpValue } from '../../tools/emulator/src/sorted';
import { Store, type Collection, type Doc } from '../../tools/emulator/src/store';
import { REPO } from '../helpers/emulator';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the repo declaration loads: every collection a list of field lists', () => {
  const spec = loadIndexSpec(path.join(REPO, 'cloudfunctions', 'indexes.json'));
  expect(spec.orders).toContainEqual(['status', 'expiresAt']);
  expect(Object.keys(spec).every((k) => !k.startsWith('_'))).toBe(true);
  expect(() => loadIndexSpec({ orders: [[]] } as any)).toThrow(/field lists/);
});

const INDEXED_AGREES_WITH_SCAN =
  'indexed equality and $in queries read candidates only, and agree with a scan after inserts, updates and deletes';
test(INDEXED_AGREES_WITH_SCAN, async () => {
  const store = new Store(dir, { indexes: { orders: [['status', 'paidAt'], ['openid']], chunks: [['ids']] } });
  const c = await store.collection('orders');
  const docs: Doc[] = Array.from({ length: 300 }, (_, i) => ({
    _id: `o${i}`,
    status: i % 3 ? 'pending' : 'paid',
    openid: `u${i % 7}`,
    n: i,
  }));
  await c.apply(docs.map((d) => ({ id: d._id, doc: d })));
  await c.apply([
    { id: 'o1', doc: { ...docs[1], status: 'paid' } },
    { id: 'o3', doc: null },
    { id: 'o4', doc: { _id: 'o4', n: 4 } },
  ]);
  const scan = (q: Record<string, unknown>) =>
    c
      .all()
      .filter(matcher(q))
      .map((d) => d._id);
  const viaIndex = (q: Record<string, unknown>) => (c.candidates(q) ?? c.all()).filter(matcher(q)).map((d) => d._id);
  for (const q of [
    { status: 'paid' },
    { status: 'paid', openid: 'u3' },
    { openid: { $in: ['u1', 'u2'] } },
    { status: { $eq: 'pending' }, n: { $gt: 250 } },
    { status: 'nope' },
  ]) {
    expect(viaIndex(q)).toEqual(scan(q)); // same docs, same order
  }
  expect(c.candidates({ status: 'paid', openid: 'u3' })!.length).toBeLessThanOrEqual(43); // the smaller set: one openid
  expect(c.candidates({ n: 5 })).toBeNull(); // not indexed: scan
  expect(c.candidates({ status: null })).toBeNull(); // null also matches a missing field: scan
  const chunks = await store.collection('chunks');
  await chunks.apply([
    { id: 'k1', doc: { _id: 'k1', ids: ['a', 'b'] } },
    { id: 'k2', doc: { _id: 'k2', ids: ['c'] } },
  ]);
  expect(chunks.candidates({ ids: 'b' })!.map((d) => d._id)).toEqual(['k1']); // multikey
  // Reloaded from disk: the index is rebuilt.
  const again = await new Store(dir, { indexes: { orders: [['status']] } }).collection('orders');
  const paidAgain = again
    .all()
    .filter(matcher({ status: 'paid' }))
    .map((d) => d._id);
  expect(paidAgain).toHaveLength(scan({ status: 'paid' }).length);
  expect((again.candidates({ status: 'paid' }) ?? []).map((d) => d._id)).toEqual(paidAgain);
});

test('a datafile is compacted after enough appends, and keeps the live data', async () => {
  const store = new Store(dir, { compactAfter: 200 });
  const c = await store.collection('hot');
  for (let i = 0; i < 1000; i++) await c.apply([{ id: 'shard', doc: { _id: 'shard', n: i } }]);
  await c.compact();
  const lines = fs.readFileSync(path.join(dir, 'hot.db'), 'utf8').split('\n').filter(Boolean);
  expect(lines.length).toBeLessThan(10); // not 1,000 appended versions
  const reopened = await new Store(dir).collection('hot');
  expect(reopened.get('shard')).toMatchObject({ n: 999 });
});

/** Deterministic PRNG (mulberry32), so a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const scanIds = (c: { all(): Doc[] }, q: Record<string, unknown>) => c.all().filter(matcher(q));
const ids = (docs: Doc[]) => docs.map((d) => d._id);
/** What getDocument answers through the indexes, next to what a scan and mingo's sort answer. */
const served = { pages: 0, counts: 0 };
function agree(c: Collection, q: Record<string, unknown>, order?: Record<string, number>, skip = 0, limit = 1000) {
  const test = matcher(q);
  const scan = scanIds(c, q);
  expect(ids((c.candidates(q) ?? c.all()).filter(test))).toEqual(ids(scan));
  const n = c.count(q);
  if (n !== null) served.counts++;
  expect(n ?? scan.length).toBe(scan.length);
  if (order) {
    const page = c.page(q, order, skip, limit, test);
    if (page) served.pages++;
    expect(ids(page ?? sortSkipLimit(scan, order, skip, limit))).toEqual(ids(sortSkipLimit(scan, order, skip, limit)));
  }
}

test('index keys are ordered as mingo sorts: type first, then value; missing and null alike', () => {
  const values = [null, -1, 0, 2.5, 10, '', '10', '9', 'a', 'b', false, true];
  for (const a of values) for (const b of values) expect(Math.sign(cmpValue(a, b))).toBe(Math.sign(mingoCompare(a, b)));
  expect(cmpValue(undefined, null)).toBe(0);
  const docs: Doc[] = [{ _id: 1, a: null }, { _id: 2 }, { _id: 3, a: null }];
  for (const dir of [1, -1]) expect(ids(sortSkipLimit(docs, { a: dir }))).toEqual([1, 2, 3]); // one group, scan order
});

const RANGE_INDEXED = 'range conditions and ordered pages read only their range, and agree with a scan';
test(RANGE_INDEXED, async () => {
  const store = new Store(dir, {
    indexes: {
      j: [
        ['at', '_id'],
        ['kind', 'start'],
      ],
    },
  });
  const c = await store.collection('j');
  await c.apply(
    Array.from({ length: 2000 }, (_, i) => {
      const d = { _id: `e${String(i).padStart(4, '0')}`, at: 1000 + (i % 500) * 10, kind: i % 2 ? 'w' : 'l', start: i };
      return { id: d._id, doc: d };
    }),
  );
  const at = { $and: [{ at: { $gte: 2000 } }, { at: { $lt: 2100 } }] }; // what the SDK sends for gte().and(lt())
  expect(c.candidates(at)).toHaveLength(40);
  expect(c.count(at)).toBe(40); // exact: no filter needed
  expect(ids(c.page(at, { at: 1, _id: 1 }, 0, 5, matcher(at))!)).toEqual(['e0100', 'e0600', 'e1100', 'e1600', 'e0101']);
  agree(c, at, { at: 1, _id: 1 }, 3, 7);
  agree(c, at, { at: -1 }, 0, 9); // ties on at: scan order, as mingo's stable sort
  agree(c, { ...at, _id: { $gt: 'e1000' } }, { _id: 1 }, 0, 10); // _id is not the index's next field: sorted
  agree(c, { at: 2000, _id: { $gt: 'e0600' } }, { _id: 1 }, 0, 2); // compound [eq, range]
  agree(c, { kind: 'w', start: { $gt: 1990 } }, { start: -1 }, 1, 3);
  agree(c, { at: { $gt: 5990 } }, { at: 1 }, 0, 1);
  // Few candidates by another index: they are read and sorted, not the whole [at, _id] index walked.
  const few = { kind: 'w', start: { $gt: 1990 } };
  expect(c.page(few, { at: 1 }, 0, 3, matcher(few))).toBeNull();
  agree(c, few, { at: 1 }, 0, 3);
  expect(c.page({ kind: 'w' }, { at: 1 }, 0, 3, matcher({ kind: 'w' }))).not.toBeNull(); // half the docs match
  // Moves in and out of a range, deletes, then a restart.
  await c.apply([
    { id: 'e0100', doc: { _id: 'e0100', at: 9000, kind: 'w', start: 100 } },
    { id: 'e0000', doc: { _id: 'e0000', at: 2050, kind: 'w', start: 0 } },
    { id: 'e0600', doc: null },
    { id: 'e0601', doc: { _id: 'e0601', at: [2010, 7000], kind: 'l', start: 601 } }, // array: matches by element
  ]);
  agree(c, at, { at: 1, _id: 1 }, 0, 50);
  expect(c.candidates(at)!.length).toBeLessThan(50);
  expect(c.count(at)).toBeNull(); // an array doc must be tested
  const again = await new Store(dir, { indexes: { j: [['at', '_id']] } }).collection('j');
  agree(again, at, { at: 1, _id: 1 }, 0, 50);
  expect(again.candidates(at)!.length).toBeLessThan(50);
});

const RANDOMIZED = 'randomized: inserts, updates and deletes of %s docs, then queries, agree with a scan';
test.each(['mixed-type', 'scalar'])(RANDOMIZED, async (mode) => {
  const rand = rng(mode === 'scalar' ? 7 : 16);
  const irregular = mode === 'scalar' ? 0 : 1;
  served.pages = served.counts = 0;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const value = () =>
    pick<() => unknown>([
      () => Math.floor(rand() * 50),
      () => Math.floor(rand() * 50),
      () => Math.floor(rand() * 50) / 2,
      () => `s${Math.floor(rand() * 20)}`,
      () => null,
      () => undefined,
      () => rand() < 0.5,
      ...(irregular ? [() => new Date(Math.floor(rand() * 50)), () => [Math.floor(rand() * 50), rand() * 50]] : []),
    ])();
  const doc = (id: string): Doc => {
    const d: Doc = { _id: id };
    for (const f of ['a', 'b', 'c']) {
      const v = value();
      if (v !== undefined) d[f] = v;
    }
    return d;
  };
  const spec = { r: [['a', 'b'], ['b'], ['c', 'a', 'b']] };
  const store = new Store(dir, { indexes: spec });
  const c = await store.collection('r');
  const bound = () =>
    rand() < 0.7 ? Math.floor(rand() * 50) : rand() < 0.5 ? `s${Math.floor(rand() * 20)}` : new Date(25);
  const range = () => {
    const ops = ['$gt', '$gte', '$lt', '$lte'];
    const cond: Record<string, unknown> = { [pick(ops)]: bound() };
    if (rand() < 0.6) cond[pick(ops)] = bound();
    return cond;
  };
  const query = (): Record<string, unknown> => {
    const q: Record<string, unknown> = {};
    const form = Math.floor(rand() * 5);
    if (form === 0) q.a = range();
    if (form === 1) Object.assign(q, { a: Math.floor(rand() * 50), b: range() });
    if (form === 2) Object.assign(q, { $and: [{ b: range() }, { b: range() }] });
    if (form === 3) Object.assign(q, { c: pick([true, false, 3, 's1']), a: range() });
    if (form === 4) Object.assign(q, { a: range(), c: { $ne: null } });
    return q;
  };
  const orders: Array<Record<string, number>> = [{ a: 1 }, { a: -1, b: -1 }, { b: 1 }, { a: 1, b: 1 }, { _id: 1 }];
  let n = 0;
  for (let round = 0; round < 10; round++) {
    const changes = Array.from({ length: 60 }, () => {
      const id = `d${Math.floor(rand() * (n + 20))}`;
      n = Math.max(n, Number(id.slice(1)) + 1);
      return rand() < 0.2 ? { id, doc: null } : { id, doc: doc(id) };
    });
    const seen = new Set();
    await c.apply(changes.filter((x) => !seen.has(x.id) && seen.add(x.id)));
    for (let k = 0; k < 40; k++) agree(c, query(), pick(orders), Math.floor(rand() * 5), 1 + Math.floor(rand() * 20));
  }
  const again = await new Store(dir, { indexes: spec }).collection('r');
  expect(ids(again.all()).sort()).toEqual(ids(c.all()).sort());
  for (let k = 0; k < 100; k++)
    agree(again, query(), pick(orders), Math.floor(rand() * 5), 1 + Math.floor(rand() * 20));
  if (mode === 'scalar') expect(Math.min(served.pages, served.counts)).toBeGreaterThan(50); // the index paths ran
});
