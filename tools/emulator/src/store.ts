/**
 * Persistent document store: one nedb datafile per collection, mirrored in a Map keyed by _id so
 * lookups by id never scan. nedb appends each write to its datafile before resolving, so a write is
 * acknowledged only once it reached the OS (survives SIGKILL). nedb compacts the file on load.
 */
import fs from 'node:fs';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { clone } from './ejson';

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
  constructor(
    readonly name: string,
    private readonly ds: Datastore,
  ) {}

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
          ? this.ds.updateAsync({ _id: c.id }, c.doc, { upsert: true })
          : this.ds.removeAsync({ _id: c.id }, {}),
      ),
    );
  }

  /** Make persisted changes visible, synchronously. */
  publish(changes: Change[]): void {
    this.onPublish?.(this, changes);
    for (const c of changes) {
      if (c.doc) this.docs.set(c.id, c.doc);
      else this.docs.delete(c.id);
    }
  }
}

export class Store {
  private readonly colls = new Map<string, Promise<Collection>>();
  /** The emulator's own state (e.g. CloudPay orders): `<name>.internal`, never listed nor reachable by the SDK. */
  private readonly internals = new Map<string, Promise<Collection>>();
  /** Hook handed to every collection (see Collection.onPublish). */
  onPublish?: (c: Collection, changes: Change[]) => void;
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  static validName(name: unknown): name is string {
    return typeof name === 'string' && NAME_RE.test(name);
  }

  exists(name: string): boolean {
    return this.colls.has(name) || fs.existsSync(this.file(name));
  }

  names(): string[] {
    const onDisk = fs.readdirSync(this.dir).filter((f) => f.endsWith('.db')).map((f) => f.slice(0, -3));
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

  /** An internal collection (SDK collection names cannot name it: the name rule rejects the suffix). */
  internal(name: string): Promise<Collection> {
    let c = this.internals.get(name);
    if (!c) {
      c = this.open(name, path.join(this.dir, `${name}.internal`));
      this.internals.set(name, c);
      c.catch(() => this.internals.delete(name));
    }
    return c;
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.db`);
  }

  private async open(name: string, file = this.file(name)): Promise<Collection> {
    // corruptAlertThreshold 1: a torn last line after a crash must not make the whole file unreadable.
    const ds = new Datastore({ filename: file, corruptAlertThreshold: 1 });
    await ds.loadDatabaseAsync();
    const coll = new Collection(name, ds);
    coll.onPublish = (c, changes) => this.onPublish?.(c, changes);
    for (const d of ds.getAllData()) coll.docs.set(d._id as Id, clone(d) as Doc);
    return coll;
  }

  /** Wait for pending opens (nedb has no handles to close; writes are already on disk). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.colls.values(), ...this.internals.values()]);
  }

  /** Drop every collection: empty the data directory. */
  async reset(): Promise<void> {
    await this.close();
    this.colls.clear();
    this.internals.clear();
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }
}
