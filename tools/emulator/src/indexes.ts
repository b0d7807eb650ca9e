/**
 * In-memory secondary indexes, declared by the app (cloudfunctions/indexes.json: per collection, a list of
 * compound indexes, each a list of fields). Like a database index, only an index's leading field serves an
 * equality or `$in` condition; the emulator keeps one value → ids map per leading field, so such queries
 * read their candidates instead of scanning the collection. The full filter still runs on every candidate,
 * so answers are exactly those of a scan; anything else falls back to the scan.
 */
import fs from 'node:fs';
import type { Doc, Id } from './store';

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
  /** First-insert order of each doc, so candidates come back in the order a scan would return them. */
  private readonly seq = new Map<Id, number>();
  private next = 0;

  constructor(fieldLists: string[][]) {
    for (const f of fieldLists) if (!f[0].includes('.') && f[0] !== '_id') this.maps.set(f[0], new Map());
  }

  get fields(): string[] {
    return [...this.maps.keys()];
  }

  /** Replace `before` by `after` (either may be absent) for document `id`. */
  update(id: Id, before: Doc | undefined, after: Doc | undefined): void {
    if (after && !this.seq.has(id)) this.seq.set(id, this.next++);
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
  }

  /** Ids that may match `q` (from the most selective indexed condition), in scan order; null = scan. */
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
      if (best.length === 0) break;
    }
    if (best && best.length > 1) best.sort((a, b) => this.seq.get(a)! - this.seq.get(b)!);
    return best;
  }
}
