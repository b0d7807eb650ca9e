/**
 * A model of CloudBase's database under the payment callback's transactions (MongoDB underneath):
 * snapshot isolation, first writer wins. Two transactions whose lifetimes overlap and that both write
 * one document cannot both commit — whichever writes it second conflicts, whether the first is still
 * open or committed after the second's snapshot — so the model says: an attempt conflicts on a
 * document when an earlier-started attempt that writes it was still open when this one started.
 * Attempts are processed in start order, so "earlier-started" is exactly what has been processed.
 */

/** Documents written by transactions that other transactions also write (orders and journal ids are unique). */
export type SharedDoc = 'user' | 'pool' | 'project' | 'stats';

/** Per document, until when the latest attempt writing it holds it (commit or abort time, ms). */
export class Holds {
  private readonly until: Float64Array;
  constructor(size: number) {
    this.until = new Float64Array(size);
  }
  /** Would an attempt started at `startMs` conflict on document `i`? */
  busy(i: number, startMs: number): boolean {
    return this.until[i] > startMs;
  }
  hold(i: number, untilMs: number): void {
    if (untilMs > this.until[i]) this.until[i] = untilMs;
  }
}

/**
 * Highest count in any one time bucket over a set of documents (hottest document's peak rate),
 * O(1) per hit: only the documents touched in the current bucket are reset when it rolls.
 */
export class PeakCounter {
  private readonly counts: Float64Array;
  private readonly touched: number[] = [];
  private bucket = -1;
  peak = 0;
  peakAtMs = 0;
  constructor(
    size: number,
    private readonly bucketMs: number,
  ) {
    this.counts = new Float64Array(size);
  }
  hit(i: number, atMs: number, weight = 1): void {
    const b = Math.floor(atMs / this.bucketMs);
    if (b !== this.bucket) {
      for (const t of this.touched) this.counts[t] = 0;
      this.touched.length = 0;
      this.bucket = b;
    }
    if (this.counts[i] === 0) this.touched.push(i);
    this.counts[i] += weight;
    if (this.counts[i] > this.peak) {
      this.peak = this.counts[i];
      this.peakAtMs = b * this.bucketMs;
    }
  }
  /** Peak per second. */
  perSecond(): number {
    return (this.peak * 1000) / this.bucketMs;
  }
}

/** A min-heap of pending attempts keyed by start time (retries after a conflict, redeliveries). */
export class StartHeap<T extends { startMs: number }> {
  private readonly items: T[] = [];
  get size(): number {
    return this.items.length;
  }
  peekStart(): number {
    return this.items.length ? this.items[0].startMs : Infinity;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].startMs <= a[i].startMs) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].startMs < a[m].startMs) m = l;
        if (r < a.length && a[r].startMs < a[m].startMs) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

export interface TxTiming {
  /** Transaction lifetime (first read to commit) is uniform in [minMs, maxMs]. */
  minMs: number;
  maxMs: number;
  /** Share of the lifetime spent on reads before the first write. */
  readShare: number;
}

/** When the k-th of n writes of an attempt lasting `durationMs` is issued. */
export const writeOffsetMs = (t: TxTiming, durationMs: number, k: number, n: number): number =>
  durationMs * (t.readShare + ((1 - t.readShare) * (k + 1)) / (n + 1));

/** One write of an attempt: a shared document (kind, index), or null for a document no one else writes. */
export type Write<K extends string> = readonly [K, number] | null;

export interface CommitOutcome {
  ok: boolean;
  /** Index in `writes` of the write that conflicted (-1 when committed). */
  conflictAt: number;
  /** Commit time, or the time the conflicting write failed (the attempt's writes are released then). */
  atMs: number;
}

/**
 * Runs one attempt against the holds: the first write to a document held past this attempt's start
 * conflicts and aborts the attempt (its earlier writes held until then); otherwise it commits and
 * holds every document it wrote until its commit.
 */
export function tryCommit<K extends string>(
  holds: Record<K, Holds>,
  writes: ReadonlyArray<Write<K>>,
  startMs: number,
  durationMs: number,
  timing: TxTiming,
): CommitOutcome {
  const conflictAt = writes.findIndex((w) => w !== null && holds[w[0]].busy(w[1], startMs));
  const atMs =
    conflictAt < 0 ? startMs + durationMs : startMs + writeOffsetMs(timing, durationMs, conflictAt, writes.length);
  for (const w of conflictAt < 0 ? writes : writes.slice(0, conflictAt)) if (w) holds[w[0]].hold(w[1], atMs);
  return { ok: conflictAt < 0, conflictAt, atMs };
}
