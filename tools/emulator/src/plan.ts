/**
 * Query planning over a sorted index (sorted.ts): which leading fields of the index a filter pins by
 * equality, and the range it puts on the next one. The filter's top-level conditions are conjuncts
 * (a top-level `$and` is flattened — the SDK sends `_.gte(a).and(_.lt(b))` as one), so the entries in the
 * planned range, plus the index's irregular docs, always hold every match. `exact` says the range holds
 * nothing else: every condition was used as is (mingo compares a range only within the bound's type, as
 * the index orders by type first), so a count needs no filter.
 */
import { cmpValue, rankOf, RANK, type Entry } from './sorted';

type Bound = { v: unknown; incl: boolean };
export type Component = { j: number; eq: unknown } | { j: number; rank: number; lo?: Bound; hi?: Bound };
export interface Plan {
  comps: Component[];
  exact: boolean;
  geLower: (e: Entry) => boolean;
  gtUpper: (e: Entry) => boolean;
}

type Constraint = { eq: unknown; exact: boolean } | { rank: number; lo?: Bound; hi?: Bound; exact: boolean };

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);
const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
const eqScalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || rankOf(v) === RANK.number;
const rangeRank = (v: unknown) => {
  const r = rankOf(v);
  return r === RANK.number || r === RANK.string ? r : 0;
};

/** Top-level conditions by field (flattening `$and`); `opaque` when some condition is not on a plain field. */
export function conditionsOf(q: Record<string, unknown>): { byField: Map<string, unknown[]>; opaque: boolean } {
  const byField = new Map<string, unknown[]>();
  let opaque = false;
  const visit = (o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === '$and' && Array.isArray(v) && v.every(isPlain)) v.forEach(visit);
      else if (k.startsWith('$')) opaque = true;
      else byField.set(k, [...(byField.get(k) ?? []), v]);
    }
  };
  visit(q);
  return { byField, opaque };
}

/** One field's conditions as an equality or a range the index can seek, or null. */
export function constraintOf(conds: unknown[]): Constraint | null {
  let eq: { v: unknown } | null = null;
  let rank = 0;
  let lo: Bound | undefined;
  let hi: Bound | undefined;
  let exact = true;
  for (const c of conds) {
    const ops = isPlain(c) ? Object.entries(c) : [['$eq', c] as [string, unknown]];
    if (ops.length === 0) return null;
    for (const [op, v] of ops) {
      if (op === '$eq' && eqScalar(v)) {
        if (eq && cmpValue(eq.v, v) !== 0) exact = false; // a doc can only pass both as an array: irregular
        eq ??= { v };
      } else if (RANGE_OPS.has(op) && rangeRank(v)) {
        if (rank && rank !== rangeRank(v)) return null; // no scalar has two types: leave it to the filter
        rank = rangeRank(v);
        const b = { v, incl: op.endsWith('e') };
        if (op.startsWith('$g')) {
          const c2 = lo ? cmpValue(v, lo.v) : 1;
          if (c2 > 0 || (c2 === 0 && !b.incl)) lo = b;
        } else {
          const c2 = hi ? cmpValue(v, hi.v) : -1;
          if (c2 < 0 || (c2 === 0 && !b.incl)) hi = b;
        }
      } else return null;
    }
  }
  if (eq) return { eq: eq.v, exact: exact && rank === 0 };
  return rank ? { rank, lo, hi, exact } : null;
}

/** The plan of `q` over an index on `fields`: equalities on a prefix, then at most one range. */
export function planFor(fields: string[], q: Record<string, unknown>): Plan {
  const { byField, opaque } = conditionsOf(q);
  const comps: Component[] = [];
  let exact = !opaque;
  const used = new Set<string>();
  for (let j = 0; j < fields.length; j++) {
    const conds = byField.get(fields[j]);
    const c = conds ? constraintOf(conds) : null;
    if (!c) break;
    used.add(fields[j]);
    exact &&= c.exact;
    if ('eq' in c) comps.push({ j, eq: c.eq });
    else {
      comps.push({ j, rank: c.rank, lo: c.lo, hi: c.hi });
      break;
    }
  }
  if ([...byField.keys()].some((f) => !used.has(f))) exact = false;
  return { comps, exact, geLower: (e) => pastBound(comps, e, 'lo'), gtUpper: (e) => pastBound(comps, e, 'hi') };
}

/**
 * Whether an entry sorts at or after the range's lower bound (`lo`), or strictly after its upper bound (`hi`):
 * one walk over the pinned components, then the ranged one's bound. An open lower bound admits everything; an
 * open upper bound is never passed.
 */
function pastBound(comps: Component[], e: Entry, side: 'lo' | 'hi'): boolean {
  const lower = side === 'lo';
  for (const c of comps) {
    const v = e.k[c.j];
    if ('eq' in c) {
      const d = cmpValue(v, c.eq);
      if (d !== 0) return d > 0;
      continue;
    }
    const r = rankOf(v);
    if (r !== c.rank) return r > c.rank;
    const bound = c[side];
    if (!bound) return lower;
    const d = cmpValue(v, bound.v);
    // At the bound itself: inside a closed lower bound, past an open upper one.
    return d > 0 || (d === 0 && bound.incl === lower);
  }
  return lower;
}
