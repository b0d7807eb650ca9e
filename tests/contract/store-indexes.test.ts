/** Secondary indexes answer exactly what a scan would; datafiles are compacted as writes pile up. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadIndexSpec } from '../../tools/emulator/src/indexes';
import { matcher } from '../../tools/emulator/src/query';
import { Store, type Doc } from '../../tools/emulator/src/store';
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
