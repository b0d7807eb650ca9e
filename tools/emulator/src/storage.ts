/**
 * Cloud storage, as @cloudbase/node-sdk (lib/storage/index.js) speaks to it:
 * - `storage.getUploadMetadata {path}` → `data: {url, token, authorization, fileId, cosFileId}`; the SDK then POSTs a
 *   multipart form (`key`, `Signature`, `x-cos-security-token`, `x-cos-meta-fileid`, `file`) to `url` and reads an
 *   empty body as success or a COS XML `<Error>` as failure.
 * - `storage.batchGetDownloadUrl {file_list:[{fileid, max_age?}]}` → `data.download_list[{fileID, tempFileURL, maxAge,
 *   code}]` (`code: 'SUCCESS'`, else e.g. `STORAGE_FILE_NONEXIST` per file); `downloadFile` fetches that URL.
 * - `storage.batchDeleteFile {fileid_list}` → `data.delete_list[{fileID, code}]`.
 * Objects live in `<data dir>/storage/objects/<sha256(key)>`: one JSON line of metadata, then the bytes, written
 * aside and renamed (a crash leaves the old object or the new one). Temporary URLs carry an HMAC over the key and
 * their expiry (emulator clock); the upload URL is a one-time ticket bound to the key it was issued for.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const STORAGE_DIR = 'storage';
/** Where the emulator's HTTP server serves temporary URLs and takes COS-style uploads. */
export const FILES_PATH = '/__files';
export const COS_PATH = '/__cos';
/** At most this many files per batch call (CloudBase: "一次最多 50 个"). */
export const MAX_BATCH = 50;
/** CloudBase: temporary URLs default to one day and last at most one day. */
export const MAX_AGE_S = 86_400;
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const TICKET_TTL_MS = 10 * 60_000;
const MAX_TICKETS = 1_000;
/** COS keys are at most 850 bytes. */
const MAX_KEY_BYTES = 850;

export interface StoredMeta {
  key: string;
  size: number;
  uploadedAt: number;
  /** The openid of a client upload (bridge); absent for uploads from functions or servers. */
  owner?: string;
}

interface Ticket {
  key: string;
  token: string;
  authorization: string;
  cosFileId: string;
  expiresAt: number;
  owner?: string;
}

export interface StorageOptions {
  dataDir: string;
  envId: string;
  bucket: string;
  now: () => number;
  /** The emulator's URL (known only after listen). */
  baseUrl: () => string;
  /** Secret the temporary URLs are signed with (derived from the environment's key). */
  secret: string;
  maxUploadBytes?: number;
}

/** A per-request or per-file answer in CloudBase's shape. */
export interface TcbAnswer {
  code?: string;
  message?: string;
  data?: unknown;
}

/** What the COS-style upload endpoint and the file server answer: status, and a COS XML error if any. */
export interface HttpAnswer {
  status: number;
  error?: { code: string; message: string };
}

/** Why a cloud path cannot be stored, or null when it can. */
export function badCloudPath(p: unknown): string | null {
  if (typeof p !== 'string' || !p) return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(p) > MAX_KEY_BYTES) return `cloudPath longer than ${MAX_KEY_BYTES} bytes`;
  if (p.startsWith('/') || p.endsWith('/') || p.includes('//'))
    return 'cloudPath must not start or end with / or hold //';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\?#%]/.test(p)) return 'cloudPath must not hold control characters or \\ ? # %';
  if (p.split('/').some((s) => s === '.' || s === '..')) return 'cloudPath must not hold . or .. segments';
  return null;
}

const hex = (n: number) => crypto.randomBytes(n).toString('hex');
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

export class Storage {
  readonly maxUploadBytes: number;
  private readonly tickets = new Map<string, Ticket>();
  /** Per-key chains of writes in progress (an entry lives only while its key has a write queued). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly o: StorageOptions) {
    this.maxUploadBytes = o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    // Leftovers of writes a crash interrupted before their rename were never acknowledged.
    const dir = this.dir;
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) if (f.endsWith('.tmp')) fs.rmSync(path.join(dir, f));
  }

  private get dir(): string {
    return path.join(this.o.dataDir, STORAGE_DIR, 'objects');
  }

  private file(key: string): string {
    return path.join(this.dir, crypto.createHash('sha256').update(key).digest('hex'));
  }

  fileId(key: string): string {
    return `cloud://${this.o.envId}.${this.o.bucket}/${key}`;
  }

  /** The key of one of this environment's fileIDs, or null (another env, another bucket, not a fileID). */
  keyOf(fileID: unknown): string | null {
    const prefix = `cloud://${this.o.envId}.${this.o.bucket}/`;
    if (typeof fileID !== 'string' || !fileID.startsWith(prefix)) return null;
    const key = fileID.slice(prefix.length);
    return badCloudPath(key) ? null : key;
  }

  private locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    void tail.then(() => this.locks.get(key) === tail && this.locks.delete(key));
    return run;
  }

  /** Store the bytes under the key (a function's or server's upload: overwrites whatever is there). */
  put(key: string, bytes: Buffer, owner?: string): Promise<StoredMeta> {
    return this.locked(key, () => this.write(key, bytes, owner));
  }

  /**
   * A client's upload (wx.cloud.uploadFile), under CloudBase's default rule "all users read, only the creator
   * writes": a file another user uploaded, or one a function wrote, is not overwritten (null).
   */
  putAsClient(key: string, bytes: Buffer, openid: string): Promise<StoredMeta | null> {
    return this.locked(key, async () => {
      const old = await this.meta(key);
      if (old && old.owner !== openid) return null;
      return this.write(key, bytes, openid);
    });
  }

  private async write(key: string, bytes: Buffer, owner?: string): Promise<StoredMeta> {
    const meta: StoredMeta = { key, size: bytes.length, uploadedAt: this.o.now(), ...(owner ? { owner } : {}) };
    await fs.promises.mkdir(this.dir, { recursive: true });
    const target = this.file(key);
    const tmp = `${target}.${hex(6)}.tmp`;
    await fs.promises.writeFile(tmp, Buffer.concat([Buffer.from(JSON.stringify(meta) + '\n'), bytes]));
    await fs.promises.rename(tmp, target);
    return meta;
  }

  async get(key: string): Promise<{ meta: StoredMeta; bytes: Buffer } | null> {
    let raw: Buffer;
    try {
      raw = await fs.promises.readFile(this.file(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const nl = raw.indexOf(10);
    const meta = JSON.parse(raw.subarray(0, nl).toString()) as StoredMeta;
    return meta.key === key ? { meta, bytes: raw.subarray(nl + 1) } : null;
  }

  /** The metadata alone: reads the head of the file, not its bytes (getTempFileURL of 50 photos reads 50 heads). */
  async meta(key: string): Promise<StoredMeta | null> {
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(this.file(key), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      // The line holds an 850-byte key at most, an openid and three numbers: well inside 8 KiB.
      const head = Buffer.alloc(8192);
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      const nl = head.subarray(0, bytesRead).indexOf(10);
      const meta = JSON.parse(head.subarray(0, nl).toString()) as StoredMeta;
      return meta.key === key ? meta : null;
    } finally {
      await fh.close();
    }
  }

  /** True if the file existed. */
  remove(key: string): Promise<boolean> {
    return this.locked(key, () => this.unlink(key));
  }

  private async unlink(key: string): Promise<boolean> {
    try {
      await fs.promises.unlink(this.file(key));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  private sign(key: string, expiresS: number): string {
    return crypto.createHmac('sha256', this.o.secret).update(`${this.o.bucket}/${key}\n${expiresS}`).digest('hex');
  }

  /**
   * A temporary URL for the key. The key goes in unescaped (the SDK's downloadFile runs encodeURI over it, and
   * badCloudPath keeps out what encodeURI would not escape).
   */
  tempUrl(key: string, maxAgeS: number): string {
    const expires = Math.floor(this.o.now() / 1000) + maxAgeS;
    return `${this.o.baseUrl()}${FILES_PATH}/${this.o.bucket}/${key}?sign=${this.sign(key, expires)}&t=${expires}`;
  }

  /** GET of a temporary URL: the object, or a COS-style refusal. */
  async serve(
    bucket: string,
    key: string,
    q: { sign?: unknown; t?: unknown },
  ): Promise<HttpAnswer & { bytes?: Buffer; maxAgeS?: number }> {
    const t = Number(q.t);
    if (
      bucket !== this.o.bucket ||
      typeof q.sign !== 'string' ||
      !Number.isInteger(t) ||
      !same(q.sign, this.sign(key, t))
    )
      return {
        status: 403,
        error: { code: 'SignatureDoesNotMatch', message: 'the URL is not one this server issued' },
      };
    const left = t - Math.floor(this.o.now() / 1000);
    if (left <= 0) return { status: 403, error: { code: 'AccessDenied', message: 'Request has expired' } };
    const obj = await this.get(key);
    if (!obj) return { status: 404, error: { code: 'NoSuchKey', message: 'The specified key does not exist.' } };
    return { status: 200, bytes: obj.bytes, maxAgeS: left };
  }

  /** A one-time upload ticket for `key` (what getUploadMetadata hands the SDK). */
  issueUpload(key: string, owner?: string): { url: string; token: string; authorization: string; cosFileId: string } {
    const now = this.o.now();
    if (this.tickets.size >= MAX_TICKETS)
      for (const [id, tk] of this.tickets) if (tk.expiresAt <= now) this.tickets.delete(id);
    // Still full: drop the oldest (Map keeps insertion order), so unused tickets never pile up.
    while (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value as string);
    const id = hex(16);
    const tk: Ticket = {
      key,
      token: hex(24),
      authorization: `q-sign-algorithm=sha1&q-ak=emulator&q-signature=${hex(20)}`,
      cosFileId: hex(16),
      expiresAt: now + TICKET_TTL_MS,
      ...(owner ? { owner } : {}),
    };
    this.tickets.set(id, tk);
    return {
      url: `${this.o.baseUrl()}${COS_PATH}/${id}`,
      token: tk.token,
      authorization: tk.authorization,
      cosFileId: tk.cosFileId,
    };
  }

  /** The POST to an upload URL: accepted once, for the key, signature and token it was issued with. */
  async acceptUpload(ticketId: string, form: Record<string, Buffer>): Promise<HttpAnswer & { meta?: StoredMeta }> {
    const tk = this.tickets.get(ticketId);
    const text = (k: string) => form[k]?.toString() ?? '';
    if (!tk || tk.expiresAt <= this.o.now()) {
      this.tickets.delete(ticketId);
      return { status: 403, error: { code: 'AccessDenied', message: 'upload URL unknown, used or expired' } };
    }
    if (!same(text('Signature'), tk.authorization) || !same(text('x-cos-security-token'), tk.token))
      return {
        status: 403,
        error: { code: 'SignatureDoesNotMatch', message: 'the signature or token does not match' },
      };
    if (text('key') !== tk.key || text('x-cos-meta-fileid') !== tk.cosFileId)
      return { status: 403, error: { code: 'AccessDenied', message: 'the upload URL was issued for another key' } };
    const file = form.file;
    if (!file) return { status: 400, error: { code: 'InvalidArgument', message: 'no file part' } };
    if (file.length > this.maxUploadBytes)
      return { status: 400, error: { code: 'EntityTooLarge', message: `more than ${this.maxUploadBytes} bytes` } };
    this.tickets.delete(ticketId); // one use: consumed before the write, so a concurrent replay is refused
    return { status: 204, meta: await this.put(tk.key, file, tk.owner) };
  }

  /** The `storage.*` actions of POST /tcb. */
  async action(action: string, p: Record<string, any>): Promise<TcbAnswer> {
    if (action === 'storage.getUploadMetadata') {
      const bad = badCloudPath(p.path);
      if (bad) return { code: 'INVALID_PARAM', message: bad };
      const key = String(p.path);
      return { data: { ...this.issueUpload(key), fileId: this.fileId(key) } };
    }
    if (action === 'storage.batchGetDownloadUrl') {
      const list = p.file_list;
      if (!Array.isArray(list) || list.length > MAX_BATCH)
        return { code: 'INVALID_PARAM', message: `file_list must be an array of at most ${MAX_BATCH}` };
      const download_list = [];
      for (const f of list) {
        const fileID = typeof f === 'object' && f ? f.fileid : f;
        const maxAge = clampAge(typeof f === 'object' && f ? f.max_age : undefined);
        const key = this.keyOf(fileID);
        download_list.push(
          key !== null && (await this.meta(key))
            ? { fileID, tempFileURL: this.tempUrl(key, maxAge), maxAge, code: 'SUCCESS' }
            : { fileID, tempFileURL: '', maxAge, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' },
        );
      }
      return { data: { download_list } };
    }
    if (action === 'storage.batchDeleteFile') {
      const list = p.fileid_list;
      if (!Array.isArray(list) || list.length > MAX_BATCH)
        return { code: 'INVALID_PARAM', message: `fileid_list must be an array of at most ${MAX_BATCH}` };
      const delete_list = [];
      for (const fileID of list) {
        const key = this.keyOf(fileID);
        delete_list.push(
          key !== null && (await this.remove(key))
            ? { fileID, code: 'SUCCESS' }
            : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' },
        );
      }
      return { data: { delete_list } };
    }
    return { code: 'INVALID_PARAM', message: `emulator does not support action ${action}` };
  }

  /** The data dir was wiped: forget outstanding upload tickets too. */
  clear(): void {
    this.tickets.clear();
  }
}

/** max_age in seconds: default and ceiling one day, at least one second. */
export function clampAge(v: unknown): number {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_AGE_S) : MAX_AGE_S;
}

/** A COS error body (node-sdk reads Code, Message, RequestId and TraceId). */
export function cosErrorXml(code: string, message: string, resource: string): string {
  const esc = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message>` +
    `<Resource>${esc(resource)}</Resource><RequestId>${hex(12)}</RequestId><TraceId>${hex(24)}</TraceId></Error>`
  );
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Content type by extension; anything else (HTML, SVG, …) is served as bytes, never as a page. */
export function contentTypeOf(key: string): string {
  return TYPES[path.extname(key).slice(1).toLowerCase()] ?? 'application/octet-stream';
}
