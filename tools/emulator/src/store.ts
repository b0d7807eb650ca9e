/**
 * Persistent document store: one nedb datafile per collection, mirrored in a Map keyed by _id so
 * lookups by id never scan. nedb appends each write to its datafile before resolving, so a write is
 * acknowledged only once it reached the OS (survives SIGKILL). nedb compacts the file on load, and the
 * store compacts it again after every `compactAfter` appends (or twice the live docs, if more), so a long
 * session's files stay bounded. Declared secondary indexes (indexes.ts) serve equality and range queries
 * and ordered pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { clone, fromDisk, parse, stringify, toDisk } from './ejson';
import { SecondaryIndexes, type IndexSpec } from './indexes';

export type Id = string | number;
export type Doc = Record<string, any> & { _id: Id };
export interface Change {
  id: Id;
  doc: Doc | null; // null = delete
}

/** FIFO async mutex: callers run one at a time in arrival order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

export class Collection {
  readonly docs = new Map<Id, Doc>();
  readonly mutex = new Mutex();
  private appended = 0;
  private compacting: Promise<void> | null = null;
  constructor(
    readonly name: string,
    private readonly ds: Datastore,
    private readonly indexes: SecondaryIndexes | null = null,
    private readonly compactAfter = 5_000,
  ) {}

  /** Docs an indexed equality/`$in` condition of `q` allows (in scan order), or null: scan `all()`. */
  candidates(q: Record<string, unknown> | undefined): Doc[] | null {
    const ids = this.indexes?.candidates(q);
    return ids ? ids.map((id) => this.docs.get(id)!).filter(Boolean) : null;
  }

  /** The page of docs matching `q` in `order`, read off a sorted index (indexes.ts), or null: sort them. */
  page(
    q: Record<string, unknown>,
    order: Record<string, number>,
    skip: number,
    limit: number,
    test: (d: Doc) => boolean,
  ): Doc[] | null {
    return this.indexes?.page(q, order, skip, limit, test, (id) => this.docs.get(id)) ?? null;
  }

  /** How many docs match `q` when an index answers it alone, or null: count the matches. */
  count(q: Record<string, unknown> | undefined): number | null {
    return this.indexes?.count(q) ?? null;
  }

  /** Rewrite the datafile with live docs only (nedb queues it behind pending appends; crash-safe rename). */
  compact(): Promise<void> {
    this.appended = 0;
    this.compacting ??= this.ds.compactDatafileAsync().finally(() => (this.compacting = null));
    return this.compacting;
  }

  get(id: Id): Doc | undefined {
    return this.docs.get(id);
  }

  all(): Doc[] {
    return [...this.docs.values()];
  }

  /** Called synchronously just before changes become visible (tx.ts keeps the versions they replace). */
  onPublish?: (c: Collection, changes: Change[]) => void;

  /** Persist changes, then publish them to readers. Callers hold `mutex`. */
  async apply(changes: Change[]): Promise<void> {
    await this.persist(changes);
    this.publish(changes);
  }

  /** Write changes to the datafile only (a multi-collection commit persists all, then publishes all). */
  async persist(changes: Change[]): Promise<void> {
    await Promise.all(
      changes.map((c) =>
        c.doc
          ? this.ds.updateAsync({ _id: c.id }, toDisk(c.doc), { upsert: true })
          : this.ds.removeAsync({ _id: c.id }, {}),
      ),
    );
    this.appended += changes.length;
    if (this.appended >= Math.max(this.compactAfter, 2 * this.docs.size))
      void this.compact().catch((e) => console.error(`[emulator] compacting ${this.name} failed`, e));
  }

  /** Make persisted changes visible, synchronously. */
  publish(changes: Change[]): void {
    this.onPublish?.(this, changes);
    for (const c of changes) {
      this.indexes?.update(c.id, this.docs.get(c.id), c.doc ?? undefined);
      if (c.doc) this.docs.set(c.id, c.doc);
      else this.docs.delete(c.id);
    }
  }
}

export class Store {
  private readonly colls = new Map<string, Promise<Collection>>();
  /** Hook handed to every collection (see Collection.onPublish). */
  onPublish?: (c: Collection, changes: Change[]) => void;
  constructor(
    readonly dir: string,
    private readonly opts: { indexes?: IndexSpec; compactAfter?: number } = {},
  ) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /**
   * Write-ahead log of commits that touch more than one document: each collection is its own datafile, so a
   * SIGKILL between two appends would otherwise leave half a commit on disk (an order paid without its journal
   * entry). A commit is logged whole in one append, marked done once every datafile has it, and replayed at start
   * when the mark is missing. Commits hold their collections' mutexes meanwhile, so a replay overwrites nothing newer.
   */
  private commitSeq = 0;
  private commitsInFlight = 0;
  private commitLogBytes = 0;
  private get commitLog(): string {
    return path.join(this.dir, '_commits.log');
  }

  async logCommit(changes: Array<[string, Change[]]>): Promise<number> {
    const id = ++this.commitSeq;
    this.commitsInFlight++;
    const line = `${stringify({ id, changes })}\n`;
    await fs.promises.appendFile(this.commitLog, line);
    this.commitLogBytes += line.length;
    return id;
  }

  async commitDone(id: number): Promise<void> {
    await fs.promises.appendFile(this.commitLog, `${JSON.stringify({ done: id })}\n`);
    // With nothing in flight every logged commit is on disk: the log can start over (it must not grow forever).
    if (--this.commitsInFlight === 0 && this.commitLogBytes > 4 * 1024 * 1024) {
      fs.truncateSync(this.commitLog, 0);
      this.commitLogBytes = 0;
    }
  }

  /** Replay commits a crash left half-written (run once, before serving). Returns how many were replayed. */
  async recover(): Promise<number> {
    if (!fs.existsSync(this.commitLog)) return 0;
    const logged = new Map<number, Array<[string, Change[]]>>();
    for (const line of fs.readFileSync(this.commitLog, 'utf8').split('\n')) {
      if (!line) continue;
      let rec: { id?: number; done?: number; changes?: Array<[string, Change[]]> };
      try {
        rec = parse(line, () => Date.now()) as typeof rec;
      } catch {
        continue; // a torn last line: that commit was never acknowledged
      }
      if (rec.done !== undefined) logged.delete(rec.done);
      else if (rec.id !== undefined && rec.changes) logged.set(rec.id, rec.changes);
    }
    for (const changes of logged.values()) {
      for (const [name, list] of changes) {
        const coll = await this.collection(name);
        await coll.persist(list);
        coll.publish(list);
      }
    }
    fs.truncateSync(this.commitLog, 0);
    return logged.size;
  }

  static validName(name: unknown): name is string {
    return typeof name === 'string' && NAME_RE.test(name);
  }

  exists(name: string): boolean {
    return this.colls.has(name) || fs.existsSync(this.file(name));
  }

  names(): string[] {
    const onDisk = fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.db'))
      .map((f) => f.slice(0, -3));
    return [...new Set([...onDisk, ...this.colls.keys()])].sort();
  }

  /** The collection, created (and its datafile loaded) on first use. */
  collection(name: string): Promise<Collection> {
    if (!Store.validName(name)) return Promise.reject(new Error(`invalid collection name: ${name}`));
    let c = this.colls.get(name);
    if (!c) {
      c = this.open(name);
      this.colls.set(name, c);
      c.catch(() => this.colls.delete(name));
    }
    return c;
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.db`);
  }

  private async open(name: string): Promise<Collection> {
    // corruptAlertThreshold 1: a torn last line after a crash must not make the whole file unreadable.
    const ds = new Datastore({ filename: this.file(name), corruptAlertThreshold: 1 });
    await ds.loadDatabaseAsync();
    const spec = this.opts.indexes?.[name];
    const indexes = spec?.length ? new SecondaryIndexes(spec) : null;
    const coll = new Collection(name, ds, indexes, this.opts.compactAfter);
    coll.onPublish = (c, changes) => this.onPublish?.(c, changes);
    for (const d of ds.getAllData()) {
      const doc = clone(fromDisk(d)) as Doc;
      coll.docs.set(doc._id, doc);
    }
    indexes?.load([...coll.docs.values()]);
    return coll;
  }

  /** Wait for pending opens (nedb has no handles to close; writes are already on disk). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.colls.values()]);
  }

  /** Drop every collection: empty the data directory. */
  async reset(): Promise<void> {
    await this.close();
    this.colls.clear();
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }
}
