/**
 * The one place functions touch wx-server-sdk: init once per instance, hand out db and context.
 * In production CloudBase fills the context; locally the emulator does, through the same SDK.
 */
import cloud from 'wx-server-sdk';

let initialised = false;

export function sdk(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false });
    initialised = true;
  }
  return cloud;
}

export const db = () => sdk().database({ throwOnNotFound: false });
export const cmd = () => db().command;

export interface CallerContext {
  openid: string | null;
  source: string;
  clientIp: string;
  appid: string;
}

/** Caller identity comes only from the cloud context, never from the event. */
export function callerContext(): CallerContext {
  const ctx = sdk().getWXContext();
  return {
    openid: ctx.OPENID ? String(ctx.OPENID) : null,
    source: ctx.SOURCE ?? 'unknown',
    clientIp: ctx.CLIENTIP ? String(ctx.CLIENTIP) : '127.0.0.1',
    appid: ctx.APPID ? String(ctx.APPID) : '',
  };
}

/** Error text of a duplicate `_id` insert (CloudBase and the emulator both say "duplicate"). */
export const isDuplicateKey = (err: unknown): boolean =>
  /duplicate|E11000|already exists/i.test(String((err as Error)?.message ?? err));

/**
 * Insert a document unless its `_id` exists: true when this call inserted it. Deterministic ids make
 * concurrent creators converge (the losers get a duplicate-key error, which is the answer, not a failure).
 */
export async function insertOnce<T extends { _id: string }>(collection: string, doc: T): Promise<boolean> {
  try {
    await db().collection(collection).add({ data: doc });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return false;
  }
}

/** The document with `doc._id`: inserted now, or the one a concurrent (or earlier) caller inserted. */
export async function insertOrGet<T extends { _id: string }>(collection: string, doc: T): Promise<T> {
  if (await insertOnce(collection, doc)) return doc;
  return (await db().collection(collection).doc(doc._id).get()).data as T;
}

/** Every document matching `where`, in pages of 100 (the server-side get() limit), by `_id`. */
export async function readAll<T>(collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = await db().collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(100).get();
    out.push(...(data as T[]));
    if (data.length < 100) return out;
  }
}

/** Page size of `pages` (the server-side get() limit); `SHANXING_PAGE_SIZE` lowers it (tests cross pages). */
export function pageSize(): number {
  const n = Number(process.env.SHANXING_PAGE_SIZE);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 100;
}

/**
 * The documents matching `where`, one page at a time by `_id` cursor (`_id > last`, index `<where fields>, _id`):
 * each page is one bounded query, whatever the collection's size, and only one page is held at a time.
 */
export async function* pages<T extends { _id: string }>(
  collection: string,
  where: Record<string, unknown> = {},
): AsyncGenerator<T[]> {
  const size = pageSize();
  let last: string | null = null;
  for (;;) {
    const cond: Record<string, unknown> = last === null ? where : { ...where, _id: cmd().gt(last) };
    const { data } = await db().collection(collection).where(cond).orderBy('_id', 'asc').limit(size).get();
    const page = data as T[];
    if (page.length) yield page;
    if (page.length < size) return;
    last = page[page.length - 1]._id;
  }
}
