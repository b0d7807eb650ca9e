/**
 * In-memory secondary indexes, declared by the app (cloudfunctions/indexes.json: per collection, a list of
 * compound indexes, each a list of fields). Two structures serve them:
 * - one value → ids map per leading field (multikey: an array value is indexed by element), for an equality
 *   or `$in` condition on that field;
 * - one sorted index per declared field list (sorted.ts), for equalities on a prefix of the fields followed
 *   by a range (`$gt/$gte/$lt/$lte`) on the next one (plan.ts), and for `orderBy` on the fields after the
 *   prefix with a limit: the walk stops once the page is full instead of sorting every match.
 * Both are kept up to date on every published write and rebuilt at load. A query reads the smallest
 * candidate set; the full filter still runs on every candidate and a page is sorted as mingo sorts, so
 * answers are exactly those of a scan. Anything else falls back to the scan.
 */
import fs from 'node:fs';
import type { Doc, Id } from './store';
import { cmpValue, SortedIndex, type Entry } from './sorted';
import { planFor, type Plan } from './plan';

/** collection → compound indexes (field lists). Keys starting with `_` (comments) are ignored. */
export type IndexSpec = Record<string, string[][]>;

export function loadIndexSpec(source: string | IndexSpec | undefined): IndexSpec {
  if (!source) return {};
  const raw = typeof source === 'string' ? JSON.parse(fs.readFileSync(source, 'utf8')) : source;
  const out: IndexSpec = {};
  for (const [coll, list] of Object.entries(raw)) {
    if (coll.startsWith('_')) continue;
    if (
      !Array.isArray(list) ||
      !list.every((f) => Array.isArray(f) && f.length > 0 && f.every((x) => typeof x === 'string'))
    )
      throw new Error(`indexes: ${coll} must be a list of field lists`);
    out[coll] = list as string[][];
  }
  return out;
}

type Key = string;
/** Only primitives are indexed: a primitive query value can match nothing else (arrays match by element). */
const keyOf = (v: unknown): Key | null =>
  typeof v === 'string' ? `s${v}` : typeof v === 'number' ? `n${v}` : typeof v === 'boolean' ? `b${v}` : null;

function keysOfDoc(doc: Doc, field: string): Key[] {
  const v = doc[field];
  if (Array.isArray(v)) return [...new Set(v.map(keyOf).filter((k): k is Key => k !== null))];
  const k = keyOf(v);
  return k === null ? [] : [k];
}

/** The keys a top-level condition on `field` can match, or null when the index cannot answer it. */
function keysOfCondition(cond: unknown): Key[] | null {
  const k = keyOf(cond);
  if (k !== null) return [k];
  if (!cond || typeof cond !== 'object' || Array.isArray(cond) || cond instanceof RegExp || cond instanceof Date)
    return null;
  const ops = Object.keys(cond);
  if (ops.length !== 1) return null;
  const c = cond as Record<string, unknown>;
  if (ops[0] === '$eq') return keysOfCondition(c.$eq);
  if (ops[0] === '$in' && Array.isArray(c.$in)) {
    const keys = c.$in.map(keyOf);
    return keys.every((x) => x !== null) ? (keys as Key[]) : null;
  }
  return null;
}

export class SecondaryIndexes {
  private readonly maps = new Map<string, Map<Key, Set<Id>>>();
  private readonly sorted: SortedIndex[] = [];
  /** First-insert order of each doc, so candidates come back in the order a scan would return them. */
  private readonly seq = new Map<Id, number>();
  private next = 0;

  constructor(fieldLists: string[][]) {
    for (const f of fieldLists) {
      if (!f[0].includes('.') && f[0] !== '_id') this.maps.set(f[0], new Map());
      if (f.every((x) => !x.includes('.')) && f[0] !== '_id') this.sorted.push(new SortedIndex(f));
    }
  }

  get fields(): string[] {
    return [...this.maps.keys()];
  }

  /** Index a collection's docs as it loads (the indexes must be empty). */
  load(docs: Doc[]): void {
    for (const d of docs) this.updateMaps(d._id, undefined, d);
    for (const ix of this.sorted) ix.load(docs.map((doc) => ({ id: doc._id, s: this.seq.get(doc._id)!, doc })));
  }

  /** Replace `before` by `after` (either may be absent) for document `id`. */
  update(id: Id, before: Doc | undefined, after: Doc | undefined): void {
    const s = this.updateMaps(id, before, after);
    for (const ix of this.sorted) ix.update(id, s, after);
  }

  /** The sequence and the value maps; returns the doc's sequence. */
  private updateMaps(id: Id, before: Doc | undefined, after: Doc | undefined): number {
    if (after && !this.seq.has(id)) this.seq.set(id, this.next++);
    const s = this.seq.get(id) ?? -1;
    if (!after) this.seq.delete(id);
    for (const [field, map] of this.maps) {
      const old = before ? keysOfDoc(before, field) : [];
      const now = after ? keysOfDoc(after, field) : [];
      for (const k of old)
        if (!now.includes(k)) {
          const ids = map.get(k);
          ids?.delete(id);
          if (ids && ids.size === 0) map.delete(k);
        }
      for (const k of now)
        if (!old.includes(k)) {
          let ids = map.get(k);
          if (!ids) map.set(k, (ids = new Set()));
          ids.add(id);
        }
    }
    return s;
  }

  /**
   * Sorted-index plans with their range and candidate count: those that pin something, and with `bare`
   * also a walk over the whole of each index nothing pins (for an order to read in index order).
   */
  private plans(q: Record<string, unknown>, bare = false) {
    return this.sorted.flatMap((ix) => {
      let plan = planFor(ix.fields, q);
      if (plan.comps.length === 0) {
        if (!bare) return [];
        plan = { comps: [], exact: false, geLower: () => true, gtUpper: () => false };
      }
      const from = ix.seek(plan.geLower);
      const to = ix.seek(plan.gtUpper);
      return [{ ix, plan, from, to, size: ix.count(from, to) + ix.irregular.size }];
    });
  }

  /** Ids that may match `q` (from the most selective index), in scan order; null = scan. */
  candidates(q: Record<string, unknown> | undefined): Id[] | null {
    if (!q) return null;
    let best: Id[] | null = null;
    for (const [field, map] of this.maps) {
      if (!(field in q)) continue;
      const keys = keysOfCondition(q[field]);
      if (!keys) continue;
      const ids = new Set<Id>();
      for (const k of keys) for (const id of map.get(k) ?? []) ids.add(id);
      if (!best || ids.size < best.length) best = [...ids];
      if (best.length === 0) return best;
    }
    const plan = this.plans(q).sort((a, b) => a.size - b.size)[0];
    if (plan && (!best || plan.size < best.length)) {
      best = [...plan.ix.walk(plan.from, plan.to)].map((e) => e.id);
      best.push(...plan.ix.irregular);
    }
    if (best && best.length > 1) best.sort((a, b) => this.seq.get(a)! - this.seq.get(b)!);
    return best;
  }

  /** The size of the smallest candidate set an index offers for `q` (Infinity: none, a scan). */
  private smallest(q: Record<string, unknown>): number {
    let best = Infinity;
    for (const [field, map] of this.maps) {
      const keys = field in q ? keysOfCondition(q[field]) : null;
      if (keys)
        best = Math.min(
          best,
          keys.reduce((n, k) => n + (map.get(k)?.size ?? 0), 0),
        );
    }
    for (const p of this.plans(q)) best = Math.min(best, p.size);
    return best;
  }

  /** How many docs match `q`, when an index answers it alone (exact plan, no irregular docs); else null. */
  count(q: Record<string, unknown> | undefined): number | null {
    if (!q) return null;
    const exact = this.plans(q).find((p) => p.plan.exact && p.ix.irregular.size === 0);
    return exact ? exact.ix.count(exact.from, exact.to) : null;
  }

  /**
   * The page `skip, limit` of docs matching `q` in `order`, read off a sorted index whose fields after the
   * equality prefix are the order's fields (one direction); null when no index serves it. The walk stops
   * once the page is full and the last order key's ties are read; the page is then sorted as mingo does
   * (order key, ties in scan order).
   */
  page(
    q: Record<string, unknown>,
    order: Record<string, number>,
    skip: number,
    limit: number,
    test: (d: Doc) => boolean,
    get: (id: Id) => Doc | undefined,
  ): Doc[] | null {
    const keys = Object.keys(order);
    const dir = order[keys[0]];
    if (!keys.length || (dir !== 1 && dir !== -1) || keys.some((k) => order[k] !== dir)) return null;
    const usable = this.plans(q, true)
      .filter(({ ix, plan }) => ix.irregular.size === 0 && servesOrder(ix.fields, plan, keys))
      .sort((a, b) => a.size - b.size)[0];
    if (!usable) return null;
    // A walk that must filter reads up to its whole range: not when another index holds far fewer candidates.
    if (!usable.plan.exact && usable.size > 8 * this.smallest(q)) return null;
    const { ix, plan, from, to } = usable;
    const at = eqCount(plan); // the order key: the fields after the equality prefix
    const keyOf = (e: Entry) => e.k.slice(at, at + keys.length);
    const sameKey = (a: unknown[], b: unknown[]) => a.every((v, j) => cmpValue(v, b[j]) === 0);
    const hits: Array<{ e: Entry; d: Doc }> = [];
    let boundary: unknown[] | null = null;
    for (const e of ix.walk(from, to, dir === -1)) {
      if (boundary && !sameKey(keyOf(e), boundary)) break;
      const d = get(e.id);
      if (!d || !(plan.exact || test(d))) continue;
      hits.push({ e, d });
      if (!boundary && hits.length >= skip + limit) boundary = keyOf(e);
    }
    hits.sort((a, b) => {
      const ka = keyOf(a.e);
      const kb = keyOf(b.e);
      for (let j = 0; j < ka.length; j++) {
        const c = cmpValue(ka[j], kb[j]);
        if (c !== 0) return c * dir;
      }
      return a.e.s - b.e.s;
    });
    return hits.slice(skip, skip + limit).map((h) => h.d);
  }
}

const eqCount = (p: Plan) => p.comps.filter((c) => 'eq' in c).length;

/** The order's fields are the index's fields right after the equality prefix (the range field first, if any). */
function servesOrder(fields: string[], plan: Plan, keys: string[]): boolean {
  const eqs = eqCount(plan);
  return keys.length <= fields.length - eqs && keys.every((k, j) => fields[eqs + j] === k);
}
