/**
 * EJSON as the CloudBase SDK speaks it (bson's canonical mode via @cloudbase/database
 * utils/utils.ts stringifyByEJSON), plus the `$tcb_server_date` marker from serverDate/index.ts.
 */

/**
 * A Date whose toString keeps milliseconds: mingo compares dates through toString(), which for
 * plain Dates has second precision (two serverDates in the same second would look equal).
 */
export class EDate extends Date {
  toString(): string {
    return Number.isNaN(this.getTime()) ? 'Invalid Date' : this.toISOString();
  }
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u', 'g']);

function toDate(v: unknown): EDate {
  if (typeof v === 'number') return new EDate(v);
  if (typeof v === 'string') return new EDate(v);
  if (isPlainObject(v) && typeof v.$numberLong === 'string') return new EDate(Number(v.$numberLong));
  return new EDate(NaN);
}

/** Decode parsed EJSON into JS values; serverDate markers become `now() + offset`. */
export function decode(v: unknown, now: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => decode(x, now));
  if (v instanceof Date) return new EDate(v.getTime());
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const k = keys[0];
    const x = v[k] as any;
    switch (k) {
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        return Number(x);
      case '$date':
        return toDate(x);
      case '$oid':
        return String(x);
      case '$undefined':
        return undefined;
      case '$regularExpression': {
        const flags = [...String(x?.options ?? '')].filter((f) => JS_REGEX_FLAGS.has(f)).join('');
        return new RegExp(String(x?.pattern ?? ''), flags);
      }
      case '$tcb_server_date': {
        const offset = Number(decode(x?.offset ?? 0, now)) || 0;
        return new EDate(now() + offset);
      }
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const d = decode(v[k], now);
    if (d !== undefined) out[k] = d;
  }
  return out;
}

/** Parse an EJSON string (or pass through an already-parsed value). */
export function parse(s: unknown, now: () => number): any {
  if (s === undefined || s === null || s === '') return undefined;
  return decode(typeof s === 'string' ? JSON.parse(s) : s, now);
}

/** Encode a stored value to relaxed EJSON that bson's EJSON.parse turns back into JS values. */
export function encode(v: unknown): unknown {
  if (v instanceof Date) return { $date: { $numberLong: String(v.getTime()) } };
  if (v instanceof RegExp) return { $regularExpression: { pattern: v.source, options: v.flags } };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $numberDouble: String(v) };
  if (Array.isArray(v)) return v.map(encode);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = encode(v[k]);
    return out;
  }
  return v;
}

export const stringify = (v: unknown): string => JSON.stringify(encode(v));

/** Deep clone that normalises every Date to EDate (store invariant). */
export function clone<T>(v: T): T {
  if (v instanceof Date) return new EDate(v.getTime()) as unknown as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as unknown as T;
  if (Array.isArray(v)) return v.map(clone) as unknown as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = clone(v[k]);
    return out as T;
  }
  return v;
}

/** Plain-JSON view of a value for HTTP control endpoints (dates as ISO strings). */
export const toPlain = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));

/**
 * Field names on disk. CloudBase stores names with dots (`{'key.': 1}`); nedb refuses them (and a
 * leading `$`), so the datafile spells `%`, `.` and a leading `$` as %25, %2E and %24. Names without
 * them, i.e. every name written before this, are unchanged.
 */
const escapeKey = (k: string) => k.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/^\$/, '%24');
const unescapeKey = (k: string) =>
  k.includes('%') ? k.replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%') : k;

function mapKeys(v: unknown, f: (k: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => mapKeys(x, f));
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[f(k)] = mapKeys(v[k], f);
  return out;
}
export const toDisk = <T>(doc: T): T => mapKeys(doc, escapeKey) as T;
export const fromDisk = <T>(doc: T): T => mapKeys(doc, unescapeKey) as T;
