/**
 * Where mingo's operators differ from CloudBase (MongoDB), ours take precedence: every Query and
 * Aggregator gets MINGO_OPTIONS, whose context mingo consults before its built-ins. Each case
 * here is exercised by @cloudbase/node-sdk's own database tests (tools/emulator/conformance).
 */
import 'mingo/init/system';
import { Context, computeValue, type Options } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import { Query } from 'mingo/query';
import { resolve } from 'mingo/util';
import { $dayOfWeek, $dayOfYear } from 'mingo/operators/expression/date';
import { distanceTo, parseCenterSphere, pointOf, polygonsOf, within, type LngLat } from './geo';
import { jsonSchemaValidator } from './schema';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
const LOGICAL = new Set(['$and', '$or', '$nor']);

/**
 * $elemMatch: MongoDB applies a document condition (`{value: {$gt: 0}}`) to embedded documents
 * only; mingo also resolves it against scalars (resolving any path on 1 gives 1).
 */
function $elemMatch(selector: string, criteria: Obj, options: Options) {
  const onValue = Object.keys(criteria).every((k) => k.startsWith('$') && !LOGICAL.has(k));
  const q = new Query(onValue ? { v: criteria } : criteria, options);
  return (obj: Obj) => {
    const arr = resolve(obj, selector, { unwrapArray: true });
    if (!Array.isArray(arr)) return false;
    return arr.some((e) => (onValue ? q.test({ v: e }) : isObj(e) && q.test(e)));
  };
}

/** The point and bounds of $near/$nearSphere (GeoJSON: meters; legacy pair: radians, reported as meters). */
export function nearSpec(v: unknown): { point: LngLat; min: number; max: number } {
  const spec = v as Obj;
  const g = isObj(spec) && spec.$geometry !== undefined ? spec.$geometry : spec;
  const point = pointOf(g);
  if (!point) throw new Error('$nearSphere needs a $geometry Point');
  return { point, min: Number(spec?.$minDistance ?? 0), max: Number(spec?.$maxDistance ?? Infinity) };
}

function $nearSphere(selector: string, value: unknown) {
  const { point, min, max } = nearSpec(value);
  return (obj: Obj) => {
    const d = distanceTo(resolve(obj, selector), point);
    return d !== undefined && d >= min && d <= max;
  };
}

function $geoWithin(selector: string, value: Obj) {
  if (isObj(value) && value.$centerSphere !== undefined) {
    const { center, radius } = parseCenterSphere(value.$centerSphere);
    return (obj: Obj) => {
      const d = distanceTo(resolve(obj, selector), center);
      return d !== undefined && d / 6378100 <= radius;
    };
  }
  if (!isObj(value) || value.$geometry === undefined) throw new Error('$geoWithin needs $geometry or $centerSphere');
  const polygons = polygonsOf(value.$geometry);
  return (obj: Obj) => within(resolve(obj, selector), polygons);
}

/** $geoIntersects, for the cases a point can answer: a stored point inside the query polygon, or equal points. */
function $geoIntersects(selector: string, value: Obj) {
  const g = value?.$geometry;
  const p = pointOf(g);
  if (p) return (obj: Obj) => distanceTo(resolve(obj, selector), p) === 0;
  const polygons = polygonsOf(g);
  return (obj: Obj) => within(resolve(obj, selector), polygons);
}

/** $geoNear stage: filter by `query` and distance bounds, nearest first, distance in `distanceField`. */
function $geoNear(collection: Iterator, expr: Obj, options: Options): Iterator {
  const { point } = nearSpec({ $geometry: expr.near });
  const key = String(expr.key ?? 'location');
  const min = Number(expr.minDistance ?? 0);
  const max = Number(expr.maxDistance ?? Infinity);
  const mult = Number(expr.distanceMultiplier ?? 1);
  const q = expr.query ? new Query(expr.query, options) : undefined;
  const rows = (collection.value() as Obj[])
    .filter((d) => !q || q.test(d))
    .map((d) => ({ d, dist: distanceTo(resolve(d, key), point) }))
    .filter((r): r is { d: Obj; dist: number } => r.dist !== undefined && r.dist >= min && r.dist <= max)
    .sort((a, b) => a.dist - b.dist);
  return Lazy(
    rows.map(({ d, dist }) => {
      const out = { ...d };
      if (expr.distanceField) out[expr.distanceField] = dist * mult;
      if (expr.includeLocs) out[expr.includeLocs] = resolve(d, key);
      return out;
    }),
  );
}

/** $week: weeks start on Sunday; days before the year's first Sunday are week 0 (strftime %U). */
function $week(obj: Obj, expr: unknown, options: Options): number {
  const doy = $dayOfYear(obj, expr, options) as number; // 1..366
  const dow = $dayOfWeek(obj, expr, options) as number; // 1 = Sunday
  return Math.floor((doy - 1 + 7 - (dow - 1)) / 7);
}

/** $indexOfCP: like $indexOfBytes, in code points. */
function $indexOfCP(obj: Obj, expr: unknown, options: Options): number | null {
  const [s, sub, start = 0, end] = computeValue(obj, expr, null, options) as [unknown, unknown, number?, number?];
  if (s === null || s === undefined) return null;
  if (typeof s !== 'string' || typeof sub !== 'string') throw new Error('$indexOfCP takes a string and a substring');
  const cps = Array.from(s);
  const subCps = Array.from(sub);
  const stop = Math.min(end ?? cps.length, cps.length);
  for (let i = start; i + subCps.length <= stop; i++) if (subCps.every((c, j) => cps[i + j] === c)) return i;
  return -1;
}

/** $substrBytes: [string, byte index, byte count]; a negative count means "to the end of the string". */
function $substrBytes(obj: Obj, expr: unknown, options: Options): string {
  const [s, index, count] = computeValue(obj, expr, null, options) as [unknown, number, number];
  if (s === null || s === undefined) return '';
  if (typeof s !== 'string' || !Number.isInteger(index) || index < 0 || !Number.isInteger(count))
    throw new Error('$substrBytes: invalid arguments');
  const b = Buffer.from(s, 'utf8');
  const start = Math.min(index, b.length);
  const end = count < 0 ? b.length : Math.min(start + count, b.length);
  const continuation = (i: number) => i < b.length && (b[i] & 0xc0) === 0x80;
  if (continuation(start) || continuation(end))
    throw new Error('$substrBytes: invalid range, start or end index is a UTF-8 continuation byte');
  return b.subarray(start, end).toString('utf8');
}

const context = Context.init()
  .addQueryOps({ $elemMatch, $nearSphere, $near: $nearSphere, $geoWithin, $geoIntersects } as any)
  .addPipelineOps({ $geoNear } as any)
  .addExpressionOps({ $week, $indexOfCP, $substrBytes } as any);

export const MINGO_OPTIONS: Partial<Options> = { context, jsonSchemaValidator };

/** The field and point of a `$near`/`$nearSphere` in a filter (CloudBase returns such matches nearest first). */
export function nearOf(q: Obj | undefined): { field: string; point: LngLat } | undefined {
  if (!q) return undefined;
  for (const [k, v] of Object.entries(q)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) {
        const n = nearOf(sub);
        if (n) return n;
      }
    } else if (!k.startsWith('$') && isObj(v)) {
      const spec = v.$nearSphere ?? v.$near;
      if (spec !== undefined) return { field: k, point: nearSpec(spec).point };
    }
  }
  return undefined;
}
