/**
 * A sorted index over one compound field list (indexes.ts plans queries with it). Entries are
 * (values of the fields, first-insert sequence, id), ordered field by field with mingo's sort order, then by
 * sequence: a walk over a range therefore yields docs in exactly the order a stable sort of a scan would.
 * Docs whose value at an index field cannot be ordered as one key (an array — it matches by element —,
 * an object, a Date, NaN) are kept aside as `irregular`: every plan includes them as candidates.
 *
 * Storage: a list of blocks, each a sorted array of at most 2·BLOCK entries (insert and delete cost
 * O(log n + BLOCK)); a range is found by binary search over the blocks' last entries, then inside a block.
 */
import type { Id } from './store';

export interface Entry {
  k: unknown[];
  s: number;
  id: Id;
}
/** A place in the list: block index and offset in it. */
export interface Pos {
  b: number;
  i: number;
}

/**
 * mingo's SORT_ORDER ranks (utils.js) of the values an entry may hold. A missing field sorts with null:
 * mingo's $sort groups values by hash, and a missing value and null fall in one group (in scan order).
 */
export const RANK = { undefined: 2, null: 2, number: 3, string: 4, boolean: 9 } as const;

/**
 * Rank of an orderable scalar, or 0 when the value cannot be an index key. Dates are not keys: mingo 6.5
 * holds any two Dates equal (its isEqual), so its sort keeps them in scan order and `$gt` never matches one;
 * as irregular docs they are always handed to the filter, which keeps the emulator's answers unchanged.
 */
export function rankOf(v: unknown): number {
  if (v === undefined) return RANK.undefined;
  if (v === null) return RANK.null;
  if (typeof v === 'number') return Number.isNaN(v) ? 0 : RANK.number;
  if (typeof v === 'string') return RANK.string;
  if (typeof v === 'boolean') return RANK.boolean;
  return 0;
}

/** mingo's `compare` restricted to orderable scalars (rank first, then value). */
export function cmpValue(a: unknown, b: unknown): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra - rb;
  if (ra === RANK.undefined || ra === RANK.null) return 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function cmpEntry(a: Entry, b: Entry): number {
  for (let j = 0; j < a.k.length; j++) {
    const c = cmpValue(a.k[j], b.k[j]);
    if (c !== 0) return c;
  }
  return a.s - b.s;
}

const BLOCK = 512;

export class SortedIndex {
  private blocks: Entry[][] = [];
  private readonly byId = new Map<Id, Entry>();
  readonly irregular = new Set<Id>();

  constructor(readonly fields: string[]) {}

  get size(): number {
    return this.byId.size;
  }

  /** Re-key doc `id` (seq `s`) from its old values to `doc` (absent: removed). */
  update(id: Id, s: number, doc: Record<string, unknown> | undefined): void {
    const old = this.byId.get(id);
    let next: Entry | null = null;
    let irregular = false;
    if (doc) {
      const k = this.fields.map((f) => doc[f]);
      if (k.every((v) => rankOf(v) !== 0)) next = { k, s, id };
      else irregular = true;
    }
    if (old && next && cmpEntry(old, next) === 0) return;
    if (old) {
      this.remove(old);
      this.byId.delete(id);
    }
    if (irregular) this.irregular.add(id);
    else this.irregular.delete(id);
    if (next) {
      this.insert(next);
      this.byId.set(id, next);
    }
  }

  /** Index docs into an empty index at once (one sort instead of one insert each): a collection's load. */
  load(docs: Array<{ id: Id; s: number; doc: Record<string, unknown> }>): void {
    if (this.byId.size || this.irregular.size) throw new Error('sorted index: load into a non-empty index');
    const entries: Entry[] = [];
    for (const { id, s, doc } of docs) {
      const k = this.fields.map((f) => doc[f]);
      if (k.every((v) => rankOf(v) !== 0)) {
        const e = { k, s, id };
        entries.push(e);
        this.byId.set(id, e);
      } else this.irregular.add(id);
    }
    entries.sort(cmpEntry);
    this.blocks = [];
    for (let i = 0; i < entries.length; i += BLOCK) this.blocks.push(entries.slice(i, i + BLOCK));
  }

  private insert(e: Entry): void {
    if (this.blocks.length === 0) {
      this.blocks.push([e]);
      return;
    }
    let b = this.firstBlock((x) => cmpEntry(x, e) >= 0);
    if (b === this.blocks.length) b--;
    const block = this.blocks[b];
    block.splice(
      this.firstIn(block, (x) => cmpEntry(x, e) >= 0),
      0,
      e,
    );
    if (block.length > 2 * BLOCK) this.blocks.splice(b, 1, block.slice(0, BLOCK), block.slice(BLOCK));
  }

  private remove(e: Entry): void {
    const b = this.firstBlock((x) => cmpEntry(x, e) >= 0);
    const block = this.blocks[b];
    const i = this.firstIn(block, (x) => cmpEntry(x, e) >= 0);
    if (block?.[i] !== e) throw new Error(`sorted index ${this.fields}: entry ${String(e.id)} not found`);
    block.splice(i, 1);
    if (block.length === 0) this.blocks.splice(b, 1);
  }

  /** First block whose last entry satisfies the monotone predicate (blocks.length if none). */
  private firstBlock(pred: (e: Entry) => boolean): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const blk = this.blocks[mid];
      if (pred(blk[blk.length - 1])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private firstIn(block: Entry[], pred: (e: Entry) => boolean): number {
    let lo = 0;
    let hi = block.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(block[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** First position whose entry satisfies the monotone predicate (the end if none). */
  seek(pred: (e: Entry) => boolean): Pos {
    const b = this.firstBlock(pred);
    if (b === this.blocks.length) return { b, i: 0 };
    return { b, i: this.firstIn(this.blocks[b], pred) };
  }

  /** Entries in [from, to), forward or backward. */
  *walk(from: Pos, to: Pos, backward = false): Generator<Entry> {
    if (!backward) {
      for (let b = from.b, i = from.i; b < to.b || (b === to.b && i < to.i);) {
        const block = this.blocks[b];
        if (i >= block.length) {
          b++;
          i = 0;
          continue;
        }
        yield block[i++];
      }
      return;
    }
    let b = to.b;
    let i = to.i;
    for (;;) {
      if (i === 0) {
        if (b === 0 || b - 1 < from.b) return;
        b--;
        i = this.blocks[b].length;
        continue;
      }
      if (b === from.b && i <= from.i) return;
      yield this.blocks[b][--i];
    }
  }

  /** Number of entries in [from, to). */
  count(from: Pos, to: Pos): number {
    if (from.b === to.b) return Math.max(0, to.i - from.i);
    if (from.b > to.b) return 0;
    let n = this.blocks[from.b].length - from.i + to.i;
    for (let b = from.b + 1; b < to.b; b++) n += this.blocks[b].length;
    return n;
  }
}
