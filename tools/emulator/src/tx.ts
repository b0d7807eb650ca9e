/**
 * Transactions as CloudBase runs them: MongoDB snapshot isolation, first writer wins (the server side
 * of @cloudbase/database src/transaction/index.ts: startTransaction / commitTransaction / abortTransaction).
 *
 * - A transaction reads the snapshot taken when it started (src/mvcc.ts) plus its own buffered writes.
 *   Reads take no locks and never wait.
 * - Its first write to a document claims it. A write to a document another open transaction has
 *   claimed, or that a commit (transactional or plain) changed after the snapshot, fails at once with
 *   DATABASE_TRANSACTION_CONFLICT, and the transaction is aborted, as MongoDB aborts on a WriteConflict.
 *   The SDK's runTransaction retries only errors whose `code` is that conflict: a commit answered with
 *   it, or an operation error thrown by @cloudbase/node-sdk. wx-server-sdk rewraps operation errors
 *   as `{errCode: -501001}` without `code`, so through it a conflict raised inside the callback is
 *   NOT retried (the callback's caller sees it).
 * - Writes outside transactions wait (bounded) for the claimant to end (db.ts guardedWrite).
 * - Commit persists every buffered write, then publishes them all in one synchronous step, so no
 *   reader sees half a commit.
 * - A transaction not committed or aborted within `lifetimeMs` of its start is aborted. CloudBase:
 *   "the transaction must be committed or aborted within 30 seconds" (docs.cloudbase.net
 *   error-code/DATABASE_TRANSACTION_FAIL). Any later call on it, like a call on a committed or aborted
 *   one, answers DATABASE_TRANSACTION_FAIL (TransactionNotExist).
 * - A write that fails inside a transaction (duplicate key, bad update) aborts it too, as in MongoDB.
 */
import { randomBytes } from 'node:crypto';
import { DbError } from './query';
import type { Collection, Doc, Id, Change, Store } from './store';
import { docKey, Versions } from './mvcc';

type State = 'active' | 'committing' | 'ended';
export type AbortCause = 'conflict' | 'expired' | 'error';

export class Tx {
  state: State = 'active';
  /** Final buffered state per claimed document; null = deleted. */
  readonly writes = new Map<string, { coll: Collection; id: Id; doc: Doc | null }>();
  timer?: NodeJS.Timeout;
  constructor(
    readonly id: string,
    readonly snapshot: number,
    readonly token?: string,
  ) {}
}

export interface TxOptions {
  /** Abort a transaction this long after its start (CloudBase: 30 s). */
  lifetimeMs: number;
  /** How long a write outside transactions waits for a transaction holding its document. */
  plainWaitMs: number;
  /** Told of every abort the server makes itself (conflict, lifetime), for metrics. */
  onServerAbort?: (why: AbortCause) => void;
}

// CloudBase's own texts, word for word (the SDK's conformance tests compare them; the document id is not part).
export const txNotExist = (_id: unknown, lifetimeMs: number) =>
  new DbError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be ' +
      `commit or abort in ${lifetimeMs / 1000} seconds. Please check your request, but if the problem persists, ` +
      'contact us.',
  );
const conflictError = (_coll: string, _id: Id) =>
  new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ' +
      'Please check your request, but if the problem persists, contact us.',
  );
export const waitTimeout = (coll: string, ms: number) =>
  new DbError(
    'SERVER_TIMEOUT',
    `write to ${coll} waited ${ms} ms for a transaction holding its document; nothing was written`,
  );

export class TxManager {
  private readonly txs = new Map<string, Tx>();
  /** Document key → the open transaction that wrote it first. */
  private readonly claims = new Map<string, Tx>();
  /** Document key → writers outside transactions waiting for its claim to go. */
  private readonly waiters = new Map<string, Set<() => void>>();
  readonly versions = new Versions();
  /** Plain writes that had to wait for a transaction (metrics `lockWaits`). */
  lockWaits = 0;

  constructor(
    private readonly store: Store,
    readonly opts: TxOptions,
  ) {
    store.onPublish = (c, changes) => this.versions.record(c, changes);
  }

  begin(token?: string): Tx {
    const tx = new Tx(randomBytes(12).toString('hex'), this.versions.pin(), token);
    tx.timer = setTimeout(() => this.serverAbort(tx, 'expired'), this.opts.lifetimeMs);
    tx.timer.unref();
    this.txs.set(tx.id, tx);
    return tx;
  }

  /** The open transaction, or DATABASE_TRANSACTION_FAIL. */
  get(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx || tx.state !== 'active') throw txNotExist(id, this.opts.lifetimeMs);
    return tx;
  }

  /** What tx sees: its own buffered write, else the committed value in its snapshot. */
  read(tx: Tx, c: Collection, id: Id): Doc | undefined {
    const w = tx.writes.get(docKey(c.name, id));
    return w ? (w.doc ?? undefined) : this.versions.read(c, id, tx.snapshot);
  }

  /**
   * Buffer tx's write of (c, id) after checking first-writer-wins. Runs under the collection mutex,
   * so it is ordered with writes outside transactions (which check claims under the same mutex).
   */
  async write(tx: Tx, c: Collection, id: Id, doc: Doc | null): Promise<void> {
    await c.mutex.run(() => {
      if (tx.state !== 'active') throw txNotExist(tx.id, this.opts.lifetimeMs);
      const key = docKey(c.name, id);
      const owner = this.claims.get(key);
      if ((owner && owner !== tx) || (!owner && this.versions.changedSince(c.name, id, tx.snapshot))) {
        this.serverAbort(tx, 'conflict');
        throw conflictError(c.name, id);
      }
      this.claims.set(key, tx);
      tx.writes.set(key, { coll: c, id, doc });
    });
  }

  /** True when an open transaction other than `self` has written the document. */
  isClaimed(coll: string, id: Id, self?: Tx): boolean {
    const owner = this.claims.get(docKey(coll, id));
    return !!owner && owner !== self;
  }

  /**
   * Resolves once none of the documents is claimed; rejects with SERVER_TIMEOUT at `until`, or with
   * `abortReason` when the request is dropped. The caller holds no mutex while waiting.
   */
  waitFree(coll: string, ids: Id[], until: number, signal?: AbortSignal): Promise<void> {
    const keys = ids.map((id) => docKey(coll, id)).filter((k) => this.claims.has(k));
    if (!keys.length) return Promise.resolve();
    this.lockWaits++;
    return new Promise<void>((resolve, reject) => {
      let left = keys.length;
      const done = (err?: Error) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        for (const k of keys) this.waiters.get(k)?.delete(wake);
        if (err) reject(err);
        else resolve();
      };
      const wake = () => {
        if (--left === 0) done();
      };
      const onAbort = () => done(signal?.reason instanceof Error ? signal.reason : new Error('request aborted'));
      const timer = setTimeout(() => done(waitTimeout(coll, this.opts.plainWaitMs)), Math.max(0, until - Date.now()));
      signal?.addEventListener('abort', onAbort);
      for (const k of keys) {
        let set = this.waiters.get(k);
        if (!set) this.waiters.set(k, (set = new Set()));
        set.add(wake);
      }
    });
  }

  /** Persist every buffered write, then publish them together. */
  async commit(tx: Tx): Promise<void> {
    if (tx.state !== 'active') throw txNotExist(tx.id, this.opts.lifetimeMs);
    tx.state = 'committing';
    clearTimeout(tx.timer);
    const byColl = new Map<Collection, Change[]>();
    for (const w of tx.writes.values()) byColl.set(w.coll, [...(byColl.get(w.coll) ?? []), { id: w.id, doc: w.doc }]);
    const colls = [...byColl.keys()].sort((a, b) => (a.name < b.name ? -1 : 1));
    // Collection mutexes in name order (commits cannot deadlock each other); inside them, disk first,
    // then one synchronous publish across all collections.
    const under = async (i: number): Promise<void> => {
      if (i < colls.length) return colls[i].mutex.run(() => under(i + 1));
      const many = tx.writes.size > 1;
      const logId = many ? await this.store.logCommit(colls.map((c) => [c.name, byColl.get(c)!])) : 0;
      await Promise.all(colls.map((c) => c.persist(byColl.get(c)!)));
      if (many) await this.store.commitDone(logId);
      for (const c of colls) c.publish(byColl.get(c)!);
    };
    try {
      await under(0);
    } finally {
      this.end(tx);
    }
  }

  /** The client's abortTransaction. */
  abort(tx: Tx): void {
    this.end(tx);
  }

  /** An abort the server decides: a write conflict, the lifetime, or a failed write (MongoDB aborts on those). */
  serverAbort(tx: Tx, why: AbortCause): void {
    if (tx.state !== 'active') return;
    this.end(tx);
    this.opts.onServerAbort?.(why);
  }

  private end(tx: Tx): void {
    if (tx.state === 'ended') return;
    tx.state = 'ended';
    clearTimeout(tx.timer);
    this.txs.delete(tx.id);
    for (const key of tx.writes.keys()) {
      if (this.claims.get(key) !== tx) continue;
      this.claims.delete(key);
      const ws = this.waiters.get(key);
      this.waiters.delete(key);
      ws?.forEach((w) => w());
    }
    tx.writes.clear();
    this.versions.unpin(tx.snapshot);
  }

  stats() {
    return { active: this.txs.size, claims: this.claims.size, ...this.versions.stats() };
  }

  close(): void {
    for (const tx of [...this.txs.values()]) this.end(tx);
  }
}
