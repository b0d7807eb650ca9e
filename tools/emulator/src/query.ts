/** Query evaluation (mingo) and update application (mingo/updater) over stored documents. */
import 'mingo/init/system';
import { Query } from 'mingo';
import { update as mingoUpdate } from 'mingo/updater';
import { Aggregator } from 'mingo';
import { clone } from './ejson';
import { distanceTo } from './geo';
import { MINGO_OPTIONS, nearOf } from './operators';
import type { Doc, Id } from './store';

export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Filter = Record<string, any> | undefined;

export function matcher(q: Filter): (d: Doc) => boolean {
  if (!q || Object.keys(q).length === 0) return () => true;
  try {
    const compiled = new Query(q, MINGO_OPTIONS);
    return (d) => compiled.test(d);
  } catch (e) {
    throw new DbError('DATABASE_REQUEST_FAILED', `invalid query: ${(e as Error).message}`);
  }
}

/** Ids the filter pins down (`_id: x`, `_id: {$eq}`, `_id: {$in}`), so we can skip the scan. */
export function idCandidates(q: Filter): Id[] | null {
  const v = q?._id;
  if (typeof v === 'string' || typeof v === 'number') return [v];
  if (v && typeof v === 'object' && !(v instanceof RegExp)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && (typeof v.$eq === 'string' || typeof v.$eq === 'number')) return [v.$eq];
    if (
      keys.length === 1 &&
      Array.isArray(v.$in) &&
      v.$in.every((x: unknown) => typeof x === 'string' || typeof x === 'number')
    )
      return v.$in;
  }
  return null;
}

/** Compiled filters by their EJSON text (hot paths repeat the same query; mingo setup is not free). */
const compiled = new Map<string, (d: Doc) => boolean>();
export function cachedMatcher(raw: unknown, q: Filter): (d: Doc) => boolean {
  if (typeof raw !== 'string' || raw.includes('$tcb_server_date')) return matcher(q);
  let m = compiled.get(raw);
  if (!m) {
    if (compiled.size > 2000) compiled.clear();
    m = matcher(q);
    compiled.set(raw, m);
  }
  return m;
}

/** Matching docs from a source keyed by id. */
export function find(all: () => Doc[], get: (id: Id) => Doc | undefined, q: Filter, test = matcher(q)): Doc[] {
  const ids = idCandidates(q);
  const pool = ids ? ids.map(get).filter((d): d is Doc => !!d) : all();
  return pool.filter(test);
}

/** Order, then page. Without an order, a `$nearSphere` filter returns the nearest first, as CloudBase does. */
export function sortSkipLimit(
  docs: Doc[],
  order: Record<string, number> | undefined,
  skip = 0,
  limit?: number,
  q?: Filter,
): Doc[] {
  let out = docs;
  const near = nearOf(q);
  if (order && Object.keys(order).length) out = new Query({}).find(out).sort(order).all() as Doc[];
  else if (near) {
    const dist = (d: Doc) => distanceTo(getPath(d, near.field.split('.')), near.point) ?? Infinity;
    out = [...out].sort((a, b) => dist(a) - dist(b));
  }
  if (skip) out = out.slice(skip);
  if (limit !== undefined) out = out.slice(0, limit);
  return out;
}

function getPath(d: any, p: string[]): unknown {
  let cur = d;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k];
  }
  return cur;
}

function setPath(d: any, p: string[], v: unknown): void {
  let cur = d;
  for (const k of p.slice(0, -1)) cur = cur[k] ??= {};
  cur[p[p.length - 1]] = v;
}

function delPath(d: any, p: string[]): void {
  const parent = getPath(d, p.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as any)[p[p.length - 1]];
}

/** `{$slice: n}` / `{$slice: [skip, n]}` (db.command.project.slice) on an array; negative n counts from the end. */
function slice(v: unknown, spec: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const [skip, n] = Array.isArray(spec) ? spec : [undefined, spec];
  if (skip === undefined) return n < 0 ? v.slice(n) : v.slice(0, n);
  const from = skip < 0 ? Math.max(v.length + skip, 0) : skip;
  return v.slice(from, from + n);
}
const isOp = (v: unknown) =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith('$'));

/**
 * field() projection: any truthy field → inclusion (plus _id unless excluded); else exclusion.
 * `$slice` and `$elemMatch` (db.command.project.*) shape a field and leave the mode to the others.
 */
export function project(d: Doc, proj: Record<string, any> | undefined): Doc {
  if (!proj || Object.keys(proj).length === 0) return d;
  const ops = Object.keys(proj).filter((k) => isOp(proj[k]));
  const plain = Object.keys(proj).filter((k) => !isOp(proj[k]));
  const include = plain.filter((k) => k !== '_id' && proj[k] && proj[k] !== 0);
  let out: any;
  // `{_id: true}` alone is an inclusion projection too: only the id comes back (MongoDB's rule).
  const idOnly = !include.length && plain.length > 0 && plain.every((k) => k === '_id' && proj[k] && proj[k] !== 0);
  if (idOnly) out = { _id: d._id };
  else if (include.length) {
    out = {};
    if (proj._id !== 0 && proj._id !== false) out._id = d._id;
    for (const k of [...include, ...ops]) {
      const p = k.split('.');
      const v = getPath(d, p);
      if (v !== undefined) setPath(out, p, clone(v));
    }
  } else {
    out = clone(d);
    for (const k of plain) if (!proj[k]) delPath(out, k.split('.'));
  }
  for (const k of ops) {
    const p = k.split('.');
    const v = getPath(out, p);
    if (proj[k].$slice !== undefined) setPath(out, p, slice(v, proj[k].$slice));
    else if (proj[k].$elemMatch !== undefined) {
      const m = Array.isArray(v)
        ? v.find((e) => matcher({ v: { $elemMatch: proj[k].$elemMatch } })({ _id: 0, v: [e] }))
        : undefined;
      if (m === undefined) delPath(out, p);
      else setPath(out, p, [m]);
    }
  }
  return out;
}

/** MongoDB refuses to store `$`-prefixed field names (at any depth); CloudBase answers DATABASE_REQUEST_FAILED. */
export function checkFieldNames(v: unknown): void {
  if (Array.isArray(v)) return v.forEach(checkFieldNames);
  if (!v || typeof v !== 'object' || v instanceof Date || v instanceof RegExp) return;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$'))
      throw new DbError('DATABASE_REQUEST_FAILED', `Document can't have $ prefixed field names: ${k}`);
    checkFieldNames(x);
  }
}

const hasOperators = (u: Record<string, any>) => Object.keys(u).some((k) => k.startsWith('$'));

/**
 * The document after an update. `merge` (doc.update / where().update) applies operators, plain
 * fields meaning $set; without merge (doc.set) the data replaces the document. Returns null when
 * nothing changed (CloudBase reports such a doc as not updated).
 */
export function applyUpdate(doc: Doc, data: Record<string, any>, merge: boolean): Doc | null {
  if (!merge) {
    if (hasOperators(data)) throw new DbError('DATABASE_REQUEST_FAILED', 'update operator complicit');
    const next = { ...clone(data), _id: doc._id } as Doc;
    return JSON.stringify(next) === JSON.stringify(doc) ? null : next;
  }
  const ops = hasOperators(data) ? data : { $set: data };
  const next = clone(doc);
  let changed = false;
  for (const [op, expr] of Object.entries(ops)) {
    if (!op.startsWith('$')) throw new DbError('DATABASE_REQUEST_FAILED', `cannot mix operators and fields: ${op}`);
    const fields = Object.keys(expr ?? {});
    if (
      fields.some((f) => f === '_id' || f.startsWith('_id.')) ||
      (op === '$rename' && Object.values(expr).includes('_id'))
    )
      throw new DbError('INVALID_PARAM', '不能更新_id的值');
    try {
      const paths = mingoUpdate(next, { [op]: clone(expr) } as any);
      if (paths.length) changed = true;
    } catch (e) {
      throw new DbError('DATABASE_REQUEST_FAILED', `${op}: ${(e as Error).message}`);
    }
  }
  return changed ? next : null;
}

export function aggregate(docs: Doc[], pipeline: Record<string, any>[]): any[] {
  try {
    return new Aggregator(pipeline, MINGO_OPTIONS).run(docs.map(clone));
  } catch (e) {
    throw new DbError('DATABASE_REQUEST_FAILED', `aggregate: ${(e as Error).message}`);
  }
}
