/**
 * Handlers of the `database.*` document actions. Each names the @cloudbase/database source (src/*.ts;
 * the shipped dist/commonjs is what runs) whose request it answers and the response fields it reads.
 */
import { randomBytes } from 'node:crypto';
import { parse, stringify } from './ejson';
import { DbError, aggregate, applyUpdate, cachedMatcher, find as findDocs, project, sortSkipLimit, type Filter } from './query';
import { Store, type Collection, type Doc, type Id } from './store';
import { TxManager, type Tx } from './tx';

export interface DbContext {
  store: Store;
  txm: TxManager;
  now: () => number;
  token?: string;
}
export type Params = Record<string, any>;

const newId = () => randomBytes(16).toString('hex');
const dupError = (coll: string, id: Id) =>
  new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
const TX_SINGLE_DOC = 'only single-document operations (doc(id)) are supported in a transaction';

async function coll(ctx: DbContext, p: Params): Promise<Collection> {
  if (!Store.validName(p.collectionName)) throw new DbError('INVALID_PARAM', `invalid collectionName: ${p.collectionName}`);
  return ctx.store.collection(p.collectionName);
}

function txOf(ctx: DbContext, p: Params): Tx | undefined {
  if (!p.transactionId) return undefined;
  const tx = ctx.txm.find(p.transactionId);
  if (!tx || tx.state === 'done' || tx.state === 'expired')
    throw new DbError('DATABASE_TRANSACTION_CONFLICT', `transaction ${p.transactionId} is not active (committed, aborted or expired)`);
  return tx;
}

/** What a transaction sees for a doc: its own buffered write, else the committed value. */
function visible(tx: Tx, c: Collection, id: Id): Doc | undefined {
  const w = tx.writes.get(`${c.name}\u0000${typeof id}:${id}`);
  return w ? (w.doc ?? undefined) : c.get(id);
}
function buffer(tx: Tx, c: Collection, id: Id, doc: Doc | null): void {
  if (tx.state === 'active') tx.writes.set(`${c.name}\u0000${typeof id}:${id}`, { coll: c, id, doc });
}

/** The request's filter, decoded, with its compiled matcher cached by the query text. */
function filterOf(ctx: DbContext, p: Params): { q: Filter; test: (d: Doc) => boolean } {
  const q = parse(p.query, ctx.now) ?? {};
  return { q, test: cachedMatcher(p.query, q) };
}
const findIn = (c: Collection, f: { q: Filter; test: (d: Doc) => boolean }) => findDocs(() => c.all(), (id) => c.get(id), f.q, f.test);

function docId(q: any): Id {
  const id = q?._id;
  if (typeof id !== 'string' && typeof id !== 'number') throw new DbError('INVALID_PARAM', TX_SINGLE_DOC);
  return id;
}

/**
 * Run a non-transaction write under the collection mutex. `targets` picks the docs it will touch;
 * if a transaction holds any of them we step out, wait for the lock to go, and start over, so a
 * transaction's read-modify-write is never interleaved with a guarded update.
 */
async function guardedWrite<T>(ctx: DbContext, c: Collection, targets: () => Id[], write: (ids: Id[]) => Promise<T>): Promise<T> {
  for (;;) {
    const r: { wait: Id[] } | { done: T } = await c.mutex.run(async () => {
      const ids = targets();
      const locked = ids.filter((id) => ctx.txm.isLocked(c.name, id));
      if (locked.length) return { wait: locked };
      return { done: await write(ids) };
    });
    if ('done' in r) return r.done;
    await ctx.txm.waitFree(c.name, r.wait);
  }
}

// collection.ts add() / document.ts create(): reads res.data.insertedIds.
export async function insertDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const docs: Doc[] = (Array.isArray(p.data) ? p.data : [p.data]).map((s: unknown) => {
    const d = parse(s, ctx.now) ?? {};
    if (typeof d !== 'object' || Array.isArray(d)) throw new DbError('INVALID_PARAM', 'document must be an object');
    return d._id === undefined || d._id === null ? { ...d, _id: newId() } : d;
  });
  const ids = docs.map((d) => d._id);
  const seen = new Set<Id>();
  for (const id of ids) {
    if (seen.has(id)) throw dupError(c.name, id);
    seen.add(id);
  }
  const tx = txOf(ctx, p);
  if (tx) {
    for (const d of docs) {
      await ctx.txm.acquire(tx, c, d._id);
      if (visible(tx, c, d._id)) throw dupError(c.name, d._id);
      buffer(tx, c, d._id, d);
    }
  } else {
    await guardedWrite(ctx, c, () => ids, async () => {
      for (const id of ids) if (c.get(id)) throw dupError(c.name, id);
      await c.apply(docs.map((d) => ({ id: d._id, doc: d })));
    });
  }
  return { insertedIds: ids };
}

// query.ts get() and document.ts get(): reads res.data.list (EJSON strings), offset, limit.
export async function getDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const f = filterOf(ctx, p);
  const q = f.q;
  const proj = parse(p.projection, ctx.now);
  const tx = txOf(ctx, p);
  if (tx) {
    const id = docId(q);
    await ctx.txm.acquire(tx, c, id);
    const d = visible(tx, c, id);
    return { list: d ? [stringify(project(d, proj))] : [], offset: 0, limit: 1 };
  }
  const offset = Number(p.offset) || 0;
  const limit = p.queryType === 'DOC' ? undefined : Math.min(Number(p.limit) || 100, 1000);
  const docs = sortSkipLimit(findIn(c, f), parse(p.order, ctx.now), offset, limit);
  return { list: docs.map((d) => stringify(project(d, proj))), offset, limit: limit ?? docs.length };
}

// query.ts count(): reads res.data.total.
export async function calculateDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  return { total: findIn(c, filterOf(ctx, p)).length };
}

// document.ts set()/update() and query.ts update(): reads res.data.updated and res.data.upsert_id.
export async function modifyDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const f = filterOf(ctx, p);
  const q = f.q;
  const data = parse(p.data, ctx.now) ?? {};
  const merge = p.merge !== false;
  const upsert = p.upsert === true;
  const tx = txOf(ctx, p);
  if (tx) {
    const id = docId(q);
    await ctx.txm.acquire(tx, c, id);
    const cur = visible(tx, c, id);
    if (!cur) {
      if (!upsert) return { updated: 0 };
      buffer(tx, c, id, applyUpdate({ _id: id }, data, merge) ?? { _id: id });
      return { updated: 0, upsert_id: id };
    }
    const next = applyUpdate(cur, data, merge);
    if (next) buffer(tx, c, id, next);
    return { updated: next ? 1 : 0 };
  }
  const pick = () => {
    const hits = findIn(c, f);
    return p.multi === false || p.queryType === 'DOC' ? hits.slice(0, 1) : hits;
  };
  const upsertId = p.queryType === 'DOC' && upsert ? docId(q) : undefined;
  return guardedWrite(
    ctx,
    c,
    () => {
      const ids = pick().map((d) => d._id);
      return ids.length === 0 && upsertId !== undefined ? [upsertId] : ids;
    },
    async () => {
      const hits = pick();
      if (!hits.length) {
        if (upsertId === undefined) return { updated: 0 };
        const doc = applyUpdate({ _id: upsertId }, data, merge) ?? { _id: upsertId };
        await c.apply([{ id: upsertId, doc }]);
        return { updated: 0, upsert_id: upsertId };
      }
      const changes = hits.flatMap((d) => {
        const next = applyUpdate(d, data, merge);
        return next ? [{ id: d._id, doc: next }] : [];
      });
      if (changes.length) await c.apply(changes);
      return { updated: changes.length };
    },
  );
}

// query.ts updateAndReturn(): reads res.data.updated and res.data.doc (EJSON string).
export async function modifyAndReturnDoc(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  if (p.transactionId) throw new DbError('INVALID_PARAM', TX_SINGLE_DOC);
  const f = filterOf(ctx, p);
  const data = parse(p.data, ctx.now) ?? {};
  const pick = () => findIn(c, f).slice(0, 1);
  return guardedWrite(ctx, c, () => pick().map((d) => d._id), async () => {
    const [d] = pick();
    if (!d) return { updated: 0, doc: null };
    const next = applyUpdate(d, data, true);
    if (next) await c.apply([{ id: d._id, doc: next }]);
    return { updated: next ? 1 : 0, doc: stringify(next ?? d) };
  });
}

// document.ts remove() and query.ts remove(): reads res.data.deleted.
export async function removeDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const f = filterOf(ctx, p);
  const tx = txOf(ctx, p);
  if (tx) {
    const id = docId(f.q);
    await ctx.txm.acquire(tx, c, id);
    if (!visible(tx, c, id)) return { deleted: 0 };
    buffer(tx, c, id, null);
    return { deleted: 1 };
  }
  const pick = () => {
    const hits = findIn(c, f);
    return p.multi === false || p.queryType === 'DOC' ? hits.slice(0, 1) : hits;
  };
  return guardedWrite(ctx, c, () => pick().map((d) => d._id), async () => {
    const hits = pick();
    if (hits.length) await c.apply(hits.map((d) => ({ id: d._id, doc: null })));
    return { deleted: hits.length };
  });
}

// aggregate.ts end(): stages [{stageKey, stageValue: EJSON/JSON string}]; reads res.data.list.
export async function aggregateDocuments(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const pipeline: Record<string, any>[] = (Array.isArray(p.stages) ? p.stages : []).map((s: any) => ({ [s.stageKey]: parse(s.stageValue, ctx.now) }));
  // $lookup reads other collections: open them first and hand mingo their documents.
  for (const st of pipeline) {
    const from = st.$lookup?.from;
    if (typeof from === 'string') st.$lookup.from = (await ctx.store.collection(from)).all();
  }
  return { list: aggregate(c.all(), pipeline).map((d) => stringify(d)) };
}
