/**
 * Who may call POST /tcb. @cloudbase/node-sdk signs every request (lib/utils/httpRequest.js getHeaders →
 * @cloudbase/signature-nodejs tc3sign): `Authorization: TC3-HMAC-SHA256 Credential=<secretId>/<date>/tcb/tc3_request,
 * SignedParams=…, SignedHeaders=…, Signature=<hex>` over the method, URL path and query, the signed headers
 * (values lower-cased) and a SHA-256 of the sorted request parameters. The emulator recomputes it with the
 * secret key of the credential named: the environment's API key pair (credentials.json in the data dir) or
 * the temporary key of a function invocation it started (which also sends that invocation's session token).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Credentials {
  secretId: string;
  secretKey: string;
}

export const CREDENTIALS_FILE = 'credentials.json';
const ALGORITHM = 'TC3-HMAC-SHA256';
const SERVICE = 'tcb';
/** The SDK sends X-Signature-Expires: 600. */
const MAX_AGE_S = 600;

export function readCredentials(dataDir: string): Credentials | null {
  try {
    const c = JSON.parse(fs.readFileSync(path.join(dataDir, CREDENTIALS_FILE), 'utf8'));
    return typeof c.secretId === 'string' && typeof c.secretKey === 'string' && c.secretId && c.secretKey ? c : null;
  } catch {
    return null;
  }
}

export function writeCredentials(dataDir: string, c: Credentials): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, CREDENTIALS_FILE);
  fs.writeFileSync(file, JSON.stringify({ secretId: c.secretId, secretKey: c.secretKey }) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600); // writeFileSync's mode applies only when it creates the file
}

/** The environment's key pair: generated on first start, then kept in the data dir. */
export function loadOrCreateCredentials(dataDir: string): Credentials {
  const old = readCredentials(dataDir);
  if (old) return old;
  const c = {
    secretId: `AKIDemu${crypto.randomBytes(12).toString('hex')}`,
    secretKey: crypto.randomBytes(24).toString('base64url'),
  };
  writeCredentials(dataDir, c);
  return c;
}

const camSafe = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
const sortKeys = (o: object) => Object.keys(o).sort((l, r) => l.localeCompare(r));
const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => crypto.createHmac('sha256', key).update(s).digest();
const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A request parameter as signed: a string (trimmed), or raw bytes for a multipart file part. */
export type SignedValue = string | Buffer;

export interface Canonical {
  method: string;
  /** `//host/path` (the URL without scheme and query) */
  hostPath: string;
  query: string;
  /** lower-case header name → value */
  headers: Record<string, string>;
  params: Record<string, SignedValue>;
  timestamp: number;
}

/** Params as the signer formats them: keys lower-cased and URL-encoded, values stringified and trimmed. */
export function signedParams(params: Record<string, unknown>): Record<string, SignedValue> {
  const out: Record<string, SignedValue> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!k || v === undefined) continue;
    out[camSafe(k.toLowerCase().trim())] = Buffer.isBuffer(v) ? v : str(v).trim();
  }
  return out;
}

/** The signature (hex) and the scope/signed lists of a canonical request. */
export function tc3(
  secretKey: string,
  c: Canonical,
): { signature: string; scope: string; signedHeaders: string[]; signedParams: string[] } {
  const hnames = sortKeys(c.headers);
  const canonicalHeaders = hnames.map((k) => `${k}:${c.headers[k]}`).join('\n') + '\n';
  const pnames = sortKeys(c.params);
  const h = crypto.createHash('sha256');
  for (const k of pnames) {
    if (!c.params[k]) continue; // the signer skips empty values
    h.update(`&${k}=`);
    h.update(c.params[k]);
    h.update('\r\n');
  }
  const canonical = [c.method, c.hostPath, c.query, canonicalHeaders, hnames.join(';'), h.digest('hex')].join('\n');
  const date = new Date(c.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${SERVICE}/tc3_request`;
  const toSign = `${ALGORITHM}\n${c.timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), SERVICE), 'tc3_request');
  return {
    signature: crypto.createHmac('sha256', key).update(toSign).digest('hex'),
    scope,
    signedHeaders: hnames,
    signedParams: pnames,
  };
}

/** Headers for a signed JSON POST of `params` to `url` (callers that talk to /tcb without the SDK). */
export function signJsonPost(
  url: string,
  c: Credentials,
  params: Record<string, unknown>,
  nowS = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const u = new URL(url);
  const headers = { 'content-type': 'application/json', host: u.host };
  const s = tc3(c.secretKey, {
    method: 'post',
    hostPath: `//${u.host}${u.pathname}`,
    query: u.search.replace(/^\?/, ''),
    headers,
    params: signedParams(params),
    timestamp: nowS,
  });
  return {
    ...headers,
    authorization:
      `${ALGORITHM} Credential=${c.secretId}/${s.scope}, SignedParams=${s.signedParams.join(';')}, ` +
      `SignedHeaders=${s.signedHeaders.join(';')}, Signature=${s.signature}`,
    'x-timestamp': String(nowS),
  };
}

export interface Incoming {
  method: string;
  /** the raw request target, e.g. `/tcb?&eventId=…` */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, SignedValue>;
}

export type Verdict = { ok: true; secretId: string } | { ok: false; reason: string };

/**
 * Check the request's signature. `keyFor(secretId)` returns the secret key of a credential the emulator
 * issued, or undefined. Every received parameter counts, so nothing unsigned can ride along.
 */
export function verify(
  req: Incoming,
  keyFor: (secretId: string) => string | undefined,
  nowS = Math.floor(Date.now() / 1000),
): Verdict {
  const auth = String(req.headers.authorization ?? '');
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=[^,]*,)? SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { ok: false, reason: auth ? 'malformed Authorization' : 'no credential' };
  const [, secretId, , headerList, signature] = m;
  const key = keyFor(secretId);
  if (!key) return { ok: false, reason: 'unknown secretId' };
  const timestamp = Number(req.headers['x-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(nowS - timestamp) > MAX_AGE_S)
    return { ok: false, reason: 'signature expired' };
  const names = headerList.split(';');
  if (!names.includes('host') || !names.includes('content-type'))
    return { ok: false, reason: 'host and content-type must be signed' };
  const headers: Record<string, string> = {};
  for (const n of names) {
    const v = req.headers[n];
    if (v === undefined) return { ok: false, reason: `signed header ${n} missing` };
    const s = String(Array.isArray(v) ? v.join(',') : v)
      .trim()
      .toLowerCase();
    headers[n] = n === 'content-type' && s.startsWith('multipart/form-data') ? 'multipart/form-data' : s;
  }
  const q = req.url.indexOf('?');
  const base = {
    hostPath: `//${headers.host}${q < 0 ? req.url : req.url.slice(0, q)}`,
    query: q < 0 ? '' : req.url.slice(q + 1),
    headers,
    params: req.params,
    timestamp,
  };
  // The SDK signs its own method spelling ('post'); HTTP carries it upper-case.
  for (const method of [req.method.toLowerCase(), req.method.toUpperCase()]) {
    const expected = tc3(key, { ...base, method }).signature;
    if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return { ok: true, secretId };
  }
  return { ok: false, reason: 'signature mismatch' };
}
