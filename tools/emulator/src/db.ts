/**
 * Handlers of the `database.*` document actions. Each names the @cloudbase/database source (src/*.ts;
 * the shipped dist/commonjs is what runs) whose request it answers and the response fields it reads.
 */
import { randomBytes } from 'node:crypto';
import { parse, stringify } from './ejson';
import {
  DbError,
  aggregate,
  applyUpdate,
  cachedMatcher,
  checkFieldNames,
  find as findDocs,
  idCandidates,
  project,
  sortSkipLimit,
  type Filter,
} from './query';
import { Store, type Collection, type Doc, type Id } from './store';
import { TxManager, type Tx } from './tx';

export interface DbContext {
  store: Store;
  txm: TxManager;
  now: () => number;
  token?: string;
  /** Aborted when the client closed the request: a write it gave up on must not land later. */
  signal?: AbortSignal;
  /** Epoch ms after which the client has given up (the SDK's request timeout). */
  deadline?: number;
}
export type Params = Record<string, any>;

const newId = () => randomBytes(16).toString('hex');
const dupError = (coll: string, id: Id) =>
  new DbError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
const TX_SINGLE_DOC = 'only single-document operations (doc(id)) are supported in a transaction';

async function coll(ctx: DbContext, p: Params): Promise<Collection> {
  if (!Store.validName(p.collectionName))
    throw new DbError('INVALID_PARAM', `invalid collectionName: ${p.collectionName}`);
  return ctx.store.collection(p.collectionName);
}

/** The request's open transaction (DATABASE_TRANSACTION_FAIL if it ended), or none. */
const txOf = (ctx: DbContext, p: Params): Tx | undefined =>
  p.transactionId ? ctx.txm.get(p.transactionId) : undefined;

/** What a transaction sees for a doc: its own buffered write, else its snapshot. */
const visible = (ctx: DbContext, tx: Tx, c: Collection, id: Id): Doc | undefined => ctx.txm.read(tx, c, id);
/** Buffer a transactional write; conflicts (first writer wins) throw and abort the transaction. */
const buffer = (ctx: DbContext, tx: Tx, c: Collection, id: Id, doc: Doc | null): Promise<void> =>
  ctx.txm.write(tx, c, id, doc);

/** The request's filter, decoded, with its compiled matcher cached by the query text. */
function filterOf(ctx: DbContext, p: Params): { q: Filter; test: (d: Doc) => boolean } {
  const q = parse(p.query, ctx.now) ?? {};
  return { q, test: cachedMatcher(p.query, q) };
}
// Candidates from a declared secondary index when the filter allows (store.ts), else the whole collection.
const findIn = (c: Collection, f: { q: Filter; test: (d: Doc) => boolean }) =>
  findDocs(
    () => c.candidates(f.q) ?? c.all(),
    (id) => c.get(id),
    f.q,
    f.test,
  );

function docId(q: any): Id {
  const id = q?._id;
  if (typeof id !== 'string' && typeof id !== 'number') throw new DbError('INVALID_PARAM', TX_SINGLE_DOC);
  return id;
}

/**
 * Run a non-transaction write under the collection mutex, the check and the write as one step.
 * `targets` picks the docs it will touch; if an open transaction has written any of them we step out,
 * wait (at most plainWaitMs in all) for it to end, and start over, as MongoDB makes a plain write wait
 * for an in-progress transaction. A request the client has dropped, or past its deadline, is never applied.
 */
async function guardedWrite<T>(
  ctx: DbContext,
  c: Collection,
  targets: () => Id[],
  write: (ids: Id[]) => Promise<T>,
): Promise<T> {
  const until = Date.now() + ctx.txm.opts.plainWaitMs;
  for (;;) {
    const r: { wait: Id[] } | { done: T } = await c.mutex.run(async () => {
      if (ctx.signal?.aborted)
        throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('request aborted');
      if (ctx.deadline !== undefined && Date.now() > ctx.deadline)
        throw new DbError('SERVER_TIMEOUT', 'request deadline passed; nothing was written');
      const ids = targets();
      const held = ids.filter((id) => ctx.txm.isClaimed(c.name, id));
      if (held.length) return { wait: held };
      return { done: await write(ids) };
    });
    if ('done' in r) return r.done;
    await ctx.txm.waitFree(c.name, r.wait, until, ctx.signal);
  }
}

// collection.ts add() / document.ts create(): reads res.data.insertedIds.
export async function insertDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const docs: Doc[] = (Array.isArray(p.data) ? p.data : [p.data]).map((s: unknown) => {
    const d = parse(s, ctx.now) ?? {};
    if (typeof d !== 'object' || Array.isArray(d)) throw new DbError('INVALID_PARAM', 'document must be an object');
    checkFieldNames(d);
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
      // In the snapshot (or inserted by tx itself): duplicate key. Inserted by a concurrent transaction,
      // or committed after the snapshot: the write conflicts (buffer throws).
      if (visible(ctx, tx, c, d._id)) throw dupError(c.name, d._id);
      await buffer(ctx, tx, c, d._id, d);
    }
  } else {
    await guardedWrite(
      ctx,
      c,
      () => ids,
      async () => {
        for (const id of ids) if (c.get(id)) throw dupError(c.name, id);
        await c.apply(docs.map((d) => ({ id: d._id, doc: d })));
      },
    );
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
    const d = visible(ctx, tx, c, id);
    return { list: d ? [stringify(project(d, proj))] : [], offset: 0, limit: 1 };
  }
  const offset = Number(p.offset) || 0;
  const limit = p.queryType === 'DOC' ? undefined : Math.min(Number(p.limit) || 100, 1000);
  const order = parse(p.order, ctx.now) as Record<string, number> | undefined;
  // An ordered page off a sorted index stops reading once full; a filter on _id is served best by the ids.
  const indexed =
    limit !== undefined && order && q && !idCandidates(q) && Object.keys(order).length
      ? c.page(q, order, offset, limit, f.test)
      : null;
  const docs = indexed ?? sortSkipLimit(findIn(c, f), order, offset, limit, q);
  return { list: docs.map((d) => stringify(project(d, proj))), offset, limit: limit ?? docs.length };
}

// query.ts count(): reads res.data.total.
export async function calculateDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const f = filterOf(ctx, p);
  return { total: c.count(f.q) ?? findIn(c, f).length };
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
    // Matching nothing or changing nothing writes nothing, so it cannot conflict (as in MongoDB).
    const cur = visible(ctx, tx, c, id);
    if (!cur) {
      if (!upsert) return { updated: 0 };
      await buffer(ctx, tx, c, id, applyUpdate({ _id: id }, data, merge) ?? { _id: id });
      return { updated: 0, upsert_id: id };
    }
    const next = applyUpdate(cur, data, merge);
    if (next) await buffer(ctx, tx, c, id, next);
    return { updated: 1 }; // matched, as outside transactions
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
      // CloudBase counts matched documents (an identical set() answers 1), not MongoDB's nModified.
      return { updated: hits.length };
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
  return guardedWrite(
    ctx,
    c,
    () => pick().map((d) => d._id),
    async () => {
      const [d] = pick();
      if (!d) return { updated: 0, doc: null };
      const next = applyUpdate(d, data, true);
      if (next) await c.apply([{ id: d._id, doc: next }]);
      return { updated: 1, doc: stringify(next ?? d) };
    },
  );
}

// document.ts remove() and query.ts remove(): reads res.data.deleted.
export async function removeDocument(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const f = filterOf(ctx, p);
  const tx = txOf(ctx, p);
  if (tx) {
    const id = docId(f.q);
    if (!visible(ctx, tx, c, id)) return { deleted: 0 };
    await buffer(ctx, tx, c, id, null);
    return { deleted: 1 };
  }
  const pick = () => {
    const hits = findIn(c, f);
    return p.multi === false || p.queryType === 'DOC' ? hits.slice(0, 1) : hits;
  };
  return guardedWrite(
    ctx,
    c,
    () => pick().map((d) => d._id),
    async () => {
      const hits = pick();
      if (hits.length) await c.apply(hits.map((d) => ({ id: d._id, doc: null })));
      return { deleted: hits.length };
    },
  );
}

// aggregate.ts end(): stages [{stageKey, stageValue: EJSON/JSON string}]; reads res.data.list.
export async function aggregateDocuments(ctx: DbContext, p: Params) {
  const c = await coll(ctx, p);
  const pipeline: Record<string, any>[] = (Array.isArray(p.stages) ? p.stages : []).map((s: any) => ({
    [s.stageKey]: parse(s.stageValue, ctx.now),
  }));
  // $lookup reads other collections: open them first and hand mingo their documents.
  for (const st of pipeline) {
    const from = st.$lookup?.from;
    if (typeof from === 'string') st.$lookup.from = (await ctx.store.collection(from)).all();
  }
  return { list: aggregate(c.all(), pipeline).map((d) => stringify(d)) };
}
