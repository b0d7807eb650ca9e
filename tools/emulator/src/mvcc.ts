/**
 * Committed versions for snapshot reads (MVCC). The store keeps only the latest value of each
 * document; this keeps the values it replaced for as long as an open transaction's snapshot may
 * still need them, and the commit number of each document's latest write (what write-conflict
 * detection compares against a snapshot). With no transaction open nothing is kept at all.
 */
import type { Change, Collection, Doc, Id } from './store';

export const docKey = (coll: string, id: Id) => `${coll}\u0000${typeof id}:${id}`;

/** A superseded value and the commit number from which it was current (0: before any we tracked). */
interface Old {
  from: number;
  doc: Doc | undefined;
}

export class Versions {
  /** Commit counter: each publish of changes to one collection is one commit number. */
  private seq = 0;
  /** Snapshot → how many open transactions hold it. */
  private readonly pins = new Map<number, number>();
  /** Key → commit number of its latest write; only for writes made while some snapshot was open. */
  private readonly last = new Map<string, number>();
  /** Key → values it had before `last`, oldest first. */
  private readonly older = new Map<string, Old[]>();
  /** Tracked writes in commit order, so collection only visits keys that may be droppable. */
  private log: Array<{ seq: number; key: string }> = [];
  private head = 0;

  /** Take a snapshot: everything published so far, nothing after. */
  pin(): number {
    this.pins.set(this.seq, (this.pins.get(this.seq) ?? 0) + 1);
    return this.seq;
  }

  unpin(snapshot: number): void {
    const n = (this.pins.get(snapshot) ?? 0) - 1;
    if (n > 0) this.pins.set(snapshot, n);
    else this.pins.delete(snapshot);
    this.collect();
  }

  /** Called synchronously just before `changes` replace what readers see in `c`. */
  record(c: Collection, changes: Change[]): void {
    const seq = ++this.seq;
    if (this.pins.size === 0) return; // every future snapshot starts at or after this commit
    for (const ch of changes) {
      const key = docKey(c.name, ch.id);
      let chain = this.older.get(key);
      if (!chain) this.older.set(key, (chain = []));
      chain.push({ from: this.last.get(key) ?? 0, doc: c.get(ch.id) });
      this.last.set(key, seq);
      this.log.push({ seq, key });
    }
  }

  /** True when the document was written by a commit the snapshot does not include. */
  changedSince(coll: string, id: Id, snapshot: number): boolean {
    return (this.last.get(docKey(coll, id)) ?? 0) > snapshot;
  }

  /** The committed document as of `snapshot`. */
  read(c: Collection, id: Id, snapshot: number): Doc | undefined {
    const key = docKey(c.name, id);
    const latest = this.last.get(key);
    if (latest === undefined || latest <= snapshot) return c.get(id);
    const chain = this.older.get(key) ?? [];
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i].from <= snapshot) return chain[i].doc;
    return undefined; // unreachable: the oldest kept value is current for every open snapshot
  }

  /** Drop what no open snapshot can read any more. */
  private collect(): void {
    if (this.pins.size === 0) {
      this.last.clear();
      this.older.clear();
      this.log = [];
      this.head = 0;
      return;
    }
    let oldest = Infinity;
    for (const s of this.pins.keys()) if (s < oldest) oldest = s;
    while (this.head < this.log.length && this.log[this.head].seq <= oldest)
      this.trim(this.log[this.head++].key, oldest);
    if (this.head > 1024 && this.head * 2 > this.log.length) {
      this.log = this.log.slice(this.head);
      this.head = 0;
    }
  }

  private trim(key: string, oldest: number): void {
    const latest = this.last.get(key);
    if (latest === undefined) return;
    if (latest <= oldest) {
      this.last.delete(key);
      this.older.delete(key);
      return;
    }
    const chain = this.older.get(key)!;
    // Value i is read only by snapshots in [from_i, from_{i+1}); none is below `oldest`.
    let drop = 0;
    while (drop < chain.length && (drop + 1 < chain.length ? chain[drop + 1].from : latest) <= oldest) drop++;
    if (drop) chain.splice(0, drop);
  }

  /** Sizes, for tests that memory does not grow without bound. */
  stats() {
    let kept = 0;
    for (const chain of this.older.values()) kept += chain.length;
    return { snapshots: this.pins.size, trackedDocs: this.last.size, oldVersions: kept };
  }
}
