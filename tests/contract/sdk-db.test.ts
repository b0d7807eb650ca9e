/** The real wx-server-sdk's database API against the emulator: shapes, operators, errors, clock. */
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { fixtureFunctions } from './fns';

let t: TestEmulator;
const op = (event: Record<string, unknown>) => t.emulator.invoke('dbop', event, { openid: 'tester' }) as Promise<any>;

beforeAll(async () => {
  t = await startTestEmulator({ functions: fixtureFunctions });
});
afterAll(() => t.stop());

test('add returns _id; duplicate _id fails with a stable duplicate-key error; batch add returns _ids', async () => {
  const a = await op({ op: 'add', c: 'crud', data: { _id: 'a', n: 1 } });
  expect(a).toMatchObject({ _id: 'a', errMsg: 'collection.add:ok' });
  const auto = await op({ op: 'add', c: 'crud', data: { n: 2 } });
  expect(auto._id).toMatch(/^[0-9a-f]{32}$/);
  const dup = await op({ op: 'add', c: 'crud', data: { _id: 'a', n: 3 } });
  expect(dup.caught.errCode).toBe(-502001);
  expect(dup.caught.message).toMatch(/E11000 duplicate key/);
  const many = await op({ op: 'addMany', c: 'crud', data: [{ n: 4 }, { _id: 'b', n: 5 }] });
  expect(many._ids).toHaveLength(2);
  expect(many._ids[1]).toBe('b');
  expect((await t.emulator.db.get('crud', 'a'))?.n).toBe(1);
});

test('doc.get of a missing doc: null with throwOnNotFound:false, an error by default', async () => {
  expect((await op({ op: 'get', c: 'crud', id: 'nope' })).data).toBeNull();
  expect((await op({ op: 'getStrict', c: 'crud', id: 'nope' })).caught.message).toMatch(/does not exist/);
});

test('where / orderBy / skip / limit / field / count', async () => {
  for (let i = 0; i < 12; i++)
    await t.emulator.db.put('q', { _id: `d${i}`, n: i, g: i % 3, tag: i % 2 ? 'odd' : 'even', a: { b: i } });
  const r = await op({
    op: 'query',
    c: 'q',
    where: { n: ['$gte', 2] },
    orderBy: [
      ['g', 'desc'],
      ['n', 'asc'],
    ],
    skip: 1,
    limit: 3,
    field: { n: true, g: true },
  });
  expect(r.data).toEqual([
    { _id: 'd5', n: 5, g: 2 },
    { _id: 'd8', n: 8, g: 2 },
    { _id: 'd11', n: 11, g: 2 },
  ]);
  expect((await op({ op: 'count', c: 'q', where: { tag: 'odd' } })).total).toBe(6);
  expect((await op({ op: 'query', c: 'q', where: { 'a.b': 7 } })).data.map((d: any) => d._id)).toEqual(['d7']);
  const excl = await op({ op: 'query', c: 'q', where: { _id: 'd1' }, field: { a: false } });
  expect(excl.data).toEqual([{ _id: 'd1', n: 1, g: 1, tag: 'odd' }]);
});

test('query operators', async () => {
  await t.emulator.db.put('ops', {
    _id: 'x',
    n: 5,
    s: 'Apple',
    arr: [1, 2, 3],
    items: [{ q: 1 }, { q: 7 }],
    flag: true,
  });
  await t.emulator.db.put('ops', { _id: 'y', n: 9, s: 'banana', arr: [4], items: [{ q: 2 }] });
  const ids = async (where: any) =>
    (await op({ op: 'query', c: 'ops', where, orderBy: [['_id', 'asc']] })).data.map((d: any) => d._id);
  expect(await ids({ n: ['$eq', 5] })).toEqual(['x']);
  expect(await ids({ n: ['$neq', 5] })).toEqual(['y']);
  expect(await ids({ n: ['$gt', 5] })).toEqual(['y']);
  expect(await ids({ n: ['$lt', 9] })).toEqual(['x']);
  expect(await ids({ n: ['$lte', 9] })).toEqual(['x', 'y']);
  expect(await ids({ n: ['$in', [9, 10]] })).toEqual(['y']);
  expect(await ids({ n: ['$nin', [9, 10]] })).toEqual(['x']);
  expect(await ids({ flag: ['$exists', true] })).toEqual(['x']);
  expect(await ids({ items: ['$elemMatch', { q: ['$gt', 5] }] })).toEqual(['x']);
  expect(await ids({ arr: ['$size', 3] })).toEqual(['x']);
  expect(await ids({ arr: ['$all', [1, 3]] })).toEqual(['x']);
  expect(await ids({ s: ['$regexp', '^app', 'i'] })).toEqual(['x']);
  expect(await ids({ n: ['$not', 'eq', 5] })).toEqual(['y']);
});

test('logic commands: or / and / nor at the top level, and chained on a field', async () => {
  const ids = async (kind: string) => (await op({ op: 'logic', c: 'ops', kind })).data.map((d: any) => d._id);
  expect(await ids('or')).toEqual(['x', 'y']);
  expect(await ids('and')).toEqual([]);
  expect(await ids('nor')).toEqual([]);
  expect(await ids('chain')).toEqual(['x']);
});

test('update command operators, doc.set, doc.remove', async () => {
  await t.emulator.db.put('upd', {
    _id: 'u',
    n: 1,
    x: 3,
    y: 5,
    z: 1,
    s: [9, 8],
    u: [1, 2, 3, 4],
    v: [1],
    w: [1, 2, 3],
    sh: [1, 2],
    ren: 'r',
    gone: 1,
    pa: [1, 2, 1],
  });
  const r = await op({
    op: 'update',
    c: 'upd',
    id: 'u',
    data: {
      n: ['$inc', 2],
      x: ['$mul', 2],
      y: ['$min', 1],
      z: ['$max', 3],
      m: ['$set', { k: 1 }],
      gone: ['$remove'],
      s: ['$push', { each: [1, 2], position: 0, slice: -3 }],
      t: ['$push', [5]],
      u: ['$pull', 2],
      v: ['$addToSet', 1],
      w: ['$pop'],
      sh: ['$shift'],
      ren: ['$rename', 'ren2'],
      pa: ['$pullAll', [1]],
      un: ['$unshift', [0]],
      at: ['$serverDate'],
    },
  });
  expect(r.stats.updated).toBe(1);
  const d: any = await t.emulator.db.get('upd', 'u');
  expect(d).toMatchObject({
    n: 3,
    x: 6,
    y: 1,
    z: 3,
    m: { k: 1 },
    s: [2, 9, 8],
    t: [5],
    u: [1, 3, 4],
    v: [1],
    w: [1, 2],
    sh: [2],
    ren2: 'r',
    pa: [2],
    un: [0],
  });
  expect(d.gone).toBeUndefined();
  expect(d.ren).toBeUndefined();
  expect(d.at).toBeInstanceOf(Date);
  // Nested plain objects in doc.update merge by path; addToSet with $each.
  await op({ op: 'update', c: 'upd', id: 'u', data: { m: { j: 2 }, v: ['$addToSet', { $each: [1, 7] }] } });
  expect(await t.emulator.db.get('upd', 'u')).toMatchObject({ m: { k: 1, j: 2 }, v: [1, 7] });
  // CloudBase counts matched documents: an update that changes nothing still reports 1
  // (node-sdk's own suite: an identical set() and updateAndReturn of the same value answer 1).
  expect((await op({ op: 'update', c: 'upd', id: 'u', data: { n: 3 } })).stats.updated).toBe(1);
  expect((await op({ op: 'update', c: 'upd', id: 'missing', data: { n: 3 } })).stats.updated).toBe(0);
  // set replaces the whole document, or creates it.
  const set1 = await op({ op: 'set', c: 'upd', id: 'u', data: { only: true } });
  expect(set1.stats).toEqual({ updated: 1, created: 0 });
  expect(await t.emulator.db.get('upd', 'u')).toEqual({ _id: 'u', only: true });
  const set2 = await op({ op: 'set', c: 'upd', id: 'new', data: { fresh: 1 } });
  expect(set2.stats).toEqual({ updated: 0, created: 1 });
  expect((await op({ op: 'remove', c: 'upd', id: 'new' })).stats.removed).toBe(1);
  expect(await t.emulator.db.get('upd', 'new')).toBeNull();
});

test('where().update is multi; where().remove', async () => {
  for (let i = 0; i < 5; i++) await t.emulator.db.put('multi', { _id: `m${i}`, n: i, kind: i < 3 ? 'a' : 'b' });
  const u = await op({ op: 'whereUpdate', c: 'multi', where: { kind: 'a' }, data: { n: ['$inc', 10], seen: true } });
  expect(u.stats.updated).toBe(3);
  expect((await t.emulator.db.find('multi', (d) => d.seen === true)).map((d) => d.n).sort()).toEqual([10, 11, 12]);
  const rm = await op({ op: 'whereRemove', c: 'multi', where: { kind: 'b' } });
  expect(rm.stats.removed).toBe(2);
  expect(await t.emulator.db.find('multi')).toHaveLength(3);
});

test('aggregate: match / unwind / group / sort / skip / limit / project / count', async () => {
  await t.emulator.db.put('agg', { _id: '1', kind: 'g', n: 5, tags: ['a', 'b'] });
  await t.emulator.db.put('agg', { _id: '2', kind: 'g', n: 7, tags: ['a'] });
  await t.emulator.db.put('agg', { _id: '3', kind: 'h', n: 100, tags: ['a'] });
  const r = await op({ op: 'aggregate', c: 'agg' });
  expect(r.list).toEqual([
    { _id: 'a', total: 12, cnt: 2 },
    { _id: 'b', total: 5, cnt: 1 },
  ]);
  expect((await op({ op: 'aggregate', c: 'agg', skip: 1 })).list).toEqual([{ _id: 'b', total: 5, cnt: 1 }]);
  expect((await op({ op: 'aggCount', c: 'agg' })).list).toEqual([{ howMany: 2 }]);
});

test('serverDate is the emulator clock; the clock reaches functions through SHANXING_CLOCK', async () => {
  t.emulator.setClock({ now: '2022-04-27T02:00:00.000Z', frozen: true });
  try {
    const r = await op({ op: 'serverDate', c: 'clock', id: 'c1' });
    expect(new Date(r.data.at).toISOString()).toBe('2022-04-27T02:00:00.000Z');
    expect(new Date(r.data.later).toISOString()).toBe('2022-04-27T02:01:00.000Z');
    const who: any = await t.emulator.invoke('whoami', {}, { openid: 'o' });
    expect(JSON.parse(who.clock)).toEqual({ fixedMs: Date.parse('2022-04-27T02:00:00.000Z') });
    // Unfrozen: runs on from the set point.
    t.emulator.setClock({ now: '2022-04-28T00:00:00.000Z' });
    const off = JSON.parse(((await t.emulator.invoke('whoami', {})) as any).clock);
    expect(Math.abs(Date.now() + off.offsetMs - Date.parse('2022-04-28T00:00:00.000Z'))).toBeLessThan(2000);
  } finally {
    t.emulator.setClock({ now: null });
  }
  expect(JSON.parse(((await t.emulator.invoke('whoami', {})) as any).clock)).toEqual({ offsetMs: 0 });
});

test('createCollection creates once, then reports it exists', async () => {
  expect((await op({ op: 'createCollection', c: 'brandnew' })).caught).toBeUndefined();
  expect((await op({ op: 'createCollection', c: 'brandnew' })).caught.message).toMatch(/already exists/);
});

test('metrics count reads and writes per action', async () => {
  t.emulator.resetMetrics();
  await op({ op: 'get', c: 'crud', id: 'a' });
  await op({ op: 'update', c: 'crud', id: 'a', data: { n: ['$inc', 1] } });
  const m = t.emulator.metrics();
  expect(m.reads).toBe(1);
  expect(m.writes).toBe(1);
  expect(m.byAction['database.getDocument']).toBe(1);
  expect(m.byAction['database.modifyDocument']).toBe(1);
  expect(m.invocations.dbop).toBe(2);
});

test('field({_id: true}) alone returns only the ids', async () => {
  await t.emulator.db.put('ids', { _id: 'x1', n: 1 });
  const r = await op({ op: 'query', c: 'ids', where: {}, field: { _id: true } });
  expect(r.data).toEqual([{ _id: 'x1' }]);
});
