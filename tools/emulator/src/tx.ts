/**
 * SERIALIZABLE transactions by strict two-phase locking (mirrors the server side of
 * @cloudbase/database src/transaction/index.ts: startTransaction / commitTransaction / abortTransaction).
 *
 * - A transaction locks a document on its first read or write of it; other transactions queue.
 * - Writes are buffered and applied at commit, atomically with respect to every other writer.
 * - Deadlock or a lock wait > lockWaitMs "dooms" the waiter: its locks are released at once, its later
 *   operations see committed data without locking, and its commit answers DATABASE_TRANSACTION_CONFLICT.
 *   That is the only error runTransaction retries (conflicts raised inside the callback reach it as
 *   wx-server-sdk errors without `code`, so they would not be retried).
 * - A transaction idle longer than idleMs is aborted and its locks released (a crashed caller cannot
 *   wedge the store).
 */
import { randomBytes } from 'node:crypto';
import type { Collection, Doc, Id, Change } from './store';

type State = 'active' | 'doomed' | 'done' | 'expired';
interface Waiter {
  tx: Tx;
  grant: (locked: boolean) => void;
  timer: NodeJS.Timeout;
}
interface Lock {
  owner: Tx;
  queue: Waiter[];
}

export class Tx {
  state: State = 'active';
  readonly locks = new Set<string>();
  /** Final buffered state per document; null = deleted. */
  readonly writes = new Map<string, { coll: Collection; id: Id; doc: Doc | null }>();
  waitingFor: string | null = null;
  busy = 0;
  lastActive = Date.now();
  constructor(
    readonly id: string,
    readonly token?: string,
  ) {}
}

export const lockKey = (coll: string, id: Id) => `${coll}\u0000${typeof id}:${id}`;

export class TxManager {
  private readonly txs = new Map<string, Tx>();
  private readonly locks = new Map<string, Lock>();
  private readonly freeWaiters = new Map<string, Array<() => void>>();
  private readonly sweeper: NodeJS.Timeout;
  conflicts = 0;
  lockWaits = 0;

  constructor(private readonly opts: { lockWaitMs: number; idleMs: number }) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(1000, opts.idleMs / 2));
    this.sweeper.unref();
  }

  begin(token?: string): Tx {
    const tx = new Tx(randomBytes(12).toString('hex'), token);
    this.txs.set(tx.id, tx);
    return tx;
  }

  find(id: unknown): Tx | undefined {
    return typeof id === 'string' ? this.txs.get(id) : undefined;
  }

  /** Mark activity around an operation so the idle sweeper leaves busy transactions alone. */
  async track<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
    tx.busy++;
    tx.lastActive = Date.now();
    try {
      return await fn();
    } finally {
      tx.busy--;
      tx.lastActive = Date.now();
    }
  }

  /**
   * Lock (coll, id) for tx. Granted under the collection mutex so it is ordered with non-transaction
   * writes. Resolves true when held, false when the transaction is (or became) doomed.
   */
  async acquire(tx: Tx, coll: Collection, id: Id): Promise<boolean> {
    if (tx.state !== 'active') return false;
    const key = lockKey(coll.name, id);
    if (tx.locks.has(key)) return true;
    // The wait is boxed: returning the bare promise would make the mutex wait for the lock too.
    const box = await coll.mutex.run((): { wait: Promise<boolean> } | null => {
      const lock = this.locks.get(key);
      if (!lock) {
        this.locks.set(key, { owner: tx, queue: [] });
        tx.locks.add(key);
        return null;
      }
      if (this.wouldDeadlock(tx, lock.owner)) {
        this.doom(tx);
        return { wait: Promise.resolve(false) };
      }
      this.lockWaits++;
      const wait = new Promise<boolean>((grant) => {
        tx.waitingFor = key;
        const waiter: Waiter = {
          tx,
          grant,
          timer: setTimeout(() => {
            lock.queue = lock.queue.filter((w) => w !== waiter);
            tx.waitingFor = null;
            this.doom(tx);
            grant(false);
          }, this.opts.lockWaitMs),
        };
        lock.queue.push(waiter);
      });
      return { wait };
    });
    return box === null ? true : box.wait;
  }

  private wouldDeadlock(tx: Tx, owner: Tx): boolean {
    const seen = new Set<Tx>();
    for (let t: Tx | undefined = owner; t && !seen.has(t); ) {
      if (t === tx) return true;
      seen.add(t);
      t = t.waitingFor ? this.locks.get(t.waitingFor)?.owner : undefined;
    }
    return false;
  }

  /** True when a transaction other than `self` holds the document. */
  isLocked(coll: string, id: Id, self?: Tx): boolean {
    const l = this.locks.get(lockKey(coll, id));
    return !!l && l.owner !== self;
  }

  /** Resolves once none of the keys is locked (non-transaction writers wait here, holding nothing). */
  waitFree(coll: string, ids: Id[]): Promise<void> {
    const keys = ids.map((id) => lockKey(coll, id)).filter((k) => this.locks.has(k));
    this.lockWaits++;
    return Promise.all(
      keys.map((k) => new Promise<void>((res) => this.freeWaiters.set(k, [...(this.freeWaiters.get(k) ?? []), res]))),
    ).then(() => undefined);
  }

  private release(tx: Tx): void {
    for (const key of tx.locks) {
      const lock = this.locks.get(key);
      if (!lock || lock.owner !== tx) continue;
      const next = lock.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        lock.owner = next.tx;
        next.tx.waitingFor = null;
        next.tx.locks.add(key);
        next.grant(true);
      } else {
        this.locks.delete(key);
        const ws = this.freeWaiters.get(key);
        this.freeWaiters.delete(key);
        ws?.forEach((w) => w());
      }
    }
    tx.locks.clear();
  }

  private doom(tx: Tx): void {
    if (tx.state !== 'active') return;
    tx.state = 'doomed';
    this.conflicts++;
    this.release(tx);
  }

  /** Apply buffered writes atomically, then release. Throws 'conflict' for doomed/expired transactions. */
  async commit(tx: Tx): Promise<void> {
    if (tx.state !== 'active') {
      const wasDoomed = tx.state === 'doomed';
      this.finish(tx, tx.state === 'expired' ? 'expired' : 'done');
      if (!wasDoomed) this.conflicts++;
      throw new Error('conflict');
    }
    const byColl = new Map<Collection, Change[]>();
    for (const w of tx.writes.values()) byColl.set(w.coll, [...(byColl.get(w.coll) ?? []), { id: w.id, doc: w.doc }]);
    const colls = [...byColl.keys()].sort((a, b) => (a.name < b.name ? -1 : 1));
    // Take collection mutexes in name order (no deadlock between commits), then write everything.
    const applyAll = async (i: number): Promise<void> => {
      if (i === colls.length) {
        await Promise.all(colls.map((c) => c.apply(byColl.get(c)!)));
        return;
      }
      await colls[i].mutex.run(() => applyAll(i + 1));
    };
    try {
      await applyAll(0);
    } finally {
      this.finish(tx, 'done');
    }
  }

  abort(tx: Tx): void {
    this.finish(tx, tx.state === 'expired' ? 'expired' : 'done');
  }

  private finish(tx: Tx, state: State): void {
    this.release(tx);
    tx.state = state;
    tx.writes.clear();
    // Keep a tombstone briefly so late calls get a clear answer, then forget it.
    setTimeout(() => this.txs.delete(tx.id), 60_000).unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const tx of this.txs.values()) {
      if ((tx.state === 'active' || tx.state === 'doomed') && tx.busy === 0 && now - tx.lastActive > this.opts.idleMs) {
        this.finish(tx, 'expired');
      }
    }
  }

  stats() {
    let active = 0;
    for (const tx of this.txs.values()) if (tx.state === 'active' || tx.state === 'doomed') active++;
    return { active, locks: this.locks.size };
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const tx of this.txs.values()) this.release(tx);
  }
}
