/**
 * Spherical geometry for the geo operators, as MongoDB's 2dsphere code (S2) computes it: a
 * longitude/latitude becomes a unit vector, the distance is the angle between two vectors
 * (atan2 of |a×b| and a·b) times the Earth radius MongoDB uses, 6378.1 km.
 *
 * The angle between nearby points cancels most digits of the vector components, so a one-ulp
 * difference in sin/cos shows in the tenth significant digit of a distance. MongoDB runs on glibc,
 * whose sin/cos are correctly rounded for these inputs; V8's are not always. We therefore round
 * sin/cos correctly ourselves (double-double Taylor series), which reproduces CloudBase's figures.
 */

export const EARTH_RADIUS_M = 6378.1 * 1000;

type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}
const SPLIT = 134217729; // 2^27 + 1 (Dekker)
function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}
function add(x: DD, y: DD): DD {
  const [s, e] = twoSum(x[0], y[0]);
  return twoSum(s, e + x[1] + y[1]);
}
function mul(x: DD, y: DD): DD {
  const [p, e] = twoProd(x[0], y[0]);
  return twoSum(p, e + x[0] * y[1] + x[1] * y[0]);
}
function divN(x: DD, n: number): DD {
  const q = x[0] / n;
  const [p, e] = twoProd(q, n);
  return twoSum(q, (x[0] - p - e + x[1]) / n);
}

/** sin (odd) or cos (even) by Taylor series in double-double; |x| ≤ 2π (radians of a coordinate). */
function series(x: number, odd: boolean): number {
  const x2 = twoProd(x, x);
  let term: DD = odd ? [x, 0] : [1, 0];
  let sum: DD = term;
  for (let k = odd ? 2 : 1; k < 40; k++) {
    const n = odd ? 2 * k - 1 : 2 * k;
    term = divN(divN(mul(term, x2), n - 1), -n);
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-40) break;
  }
  return sum[0] + sum[1];
}
const sin = (x: number) => (Math.abs(x) <= 7 ? series(x, true) : Math.sin(x));
const cos = (x: number) => (Math.abs(x) <= 7 ? series(x, false) : Math.cos(x));

export type Vec = [number, number, number];
export type LngLat = [number, number];

const rad = (deg: number) => deg * (Math.PI / 180);

/** S2LatLng::ToPoint. */
export function toVec([lng, lat]: LngLat): Vec {
  const phi = rad(lat);
  const theta = rad(lng);
  const c = cos(phi);
  return [cos(theta) * c, sin(theta) * c, sin(phi)];
}

/** The angle (radians) between two points on the sphere. */
export function angle(a: LngLat, b: LngLat): number {
  const p = toVec(a);
  const q = toVec(b);
  const x = p[1] * q[2] - p[2] * q[1];
  const y = p[2] * q[0] - p[0] * q[2];
  const z = p[0] * q[1] - p[1] * q[0];
  return Math.atan2(Math.sqrt(x * x + y * y + z * z), p[0] * q[0] + p[1] * q[1] + p[2] * q[2]);
}

export const distanceMeters = (a: LngLat, b: LngLat) => angle(a, b) * EARTH_RADIUS_M;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLngLat = (v: unknown): v is LngLat =>
  Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]) && Math.abs(v[0]) <= 180 && Math.abs(v[1]) <= 90;

export interface Geometry {
  type: string;
  coordinates: any;
}
export const isGeometry = (v: unknown): v is Geometry =>
  !!v && typeof v === 'object' && typeof (v as any).type === 'string' && Array.isArray((v as any).coordinates);

/** A GeoJSON Point's coordinates or a legacy [lng, lat] pair, else undefined. */
export function pointOf(v: unknown): LngLat | undefined {
  if (isGeometry(v) && v.type === 'Point' && isLngLat(v.coordinates)) return v.coordinates;
  if (isLngLat(v)) return v;
  return undefined;
}

/** Every vertex of a geometry. */
export function vertices(g: Geometry): LngLat[] {
  const depth: Record<string, number> = {
    Point: 0,
    MultiPoint: 1,
    LineString: 1,
    MultiLineString: 2,
    Polygon: 2,
    MultiPolygon: 3,
  };
  const d = depth[g.type];
  if (d === undefined) return [];
  let out: any[] = [g.coordinates];
  for (let i = 0; i < d; i++) out = out.flat();
  return out.filter(isLngLat);
}

/** Ray casting in longitude/latitude; good for the small polygons a query names. */
function inRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inPolygon = (p: LngLat, rings: LngLat[][]) =>
  inRing(p, rings[0] ?? []) && !rings.slice(1).some((h) => inRing(p, h));

/** Polygons of a Polygon/MultiPolygon query geometry, or throw. */
export function polygonsOf(g: unknown): LngLat[][][] {
  if (isGeometry(g) && g.type === 'Polygon') return [g.coordinates];
  if (isGeometry(g) && g.type === 'MultiPolygon') return g.coordinates;
  throw new Error('$geoWithin $geometry must be a Polygon or MultiPolygon');
}

/** $geoWithin: every vertex of the stored value lies in one of the polygons. */
export function within(value: unknown, polygons: LngLat[][][]): boolean {
  const pts = isGeometry(value) ? vertices(value) : pointOf(value) ? [pointOf(value)!] : [];
  return pts.length > 0 && pts.every((p) => polygons.some((poly) => inPolygon(p, poly)));
}

/** $centerSphere: [[lng, lat], radius in radians]. */
export function parseCenterSphere(v: unknown): { center: LngLat; radius: number } {
  const center = Array.isArray(v) ? pointOf(v[0]) : undefined;
  const radius = Array.isArray(v) ? v[1] : undefined;
  if (!center || !isNum(radius) || radius < 0) throw new Error('$centerSphere takes [[lng, lat], radius in radians]');
  return { center, radius };
}

/** Distance (m) from a point to the nearest vertex of a stored geometry or point. */
export function distanceTo(value: unknown, from: LngLat): number | undefined {
  const pts = isGeometry(value) ? vertices(value) : pointOf(value) ? [pointOf(value)!] : [];
  if (!pts.length) return undefined;
  return Math.min(...pts.map((p) => distanceMeters(from, p)));
}
