/**
 * The seeded Chongqing session as database documents, keyed by collection. Deterministic `_id`s make
 * seeding idempotent (an existing document is left as it is), locally and when imported to CloudBase.
 */
import { CHONGQING_2022 } from '../domain/settings';
import { beijingMs } from '../domain/time';
import { PROJECTS, QUIZ_BANK, SPONSORS, COUPON_BATCHES } from '../seed';
import { C, COUNTER_SHARDS, type CouponBatchDoc, type ProjectDoc } from '../cloudfunctions/_lib/collections';
import { emptyCounter } from '../cloudfunctions/_lib/totals';

export type Docs = Record<string, Array<Record<string, unknown> & { _id: string }>>;

/** Local operator identity (federation staff) allowed to call `admin`. */
export const LOCAL_ADMIN_OPENID = 'admin-local';

export function seedDocuments(): Docs {
  const { id, ...settings } = CHONGQING_2022;
  const projects: ProjectDoc[] = PROJECTS.map((p) => ({
    _id: p.id,
    title: p.title,
    org: p.org,
    orgId: p.orgId,
    district: p.district,
    domain: p.domain,
    targetFen: p.targetFen,
    cover: p.cover,
    summary: p.summary,
    story: p.story,
    partner: p.partner,
    status: 'fundraising',
    createdAt: p.createdAt,
    updates: p.updates,
  }));
  const counters = PROJECTS.flatMap((p) => Array.from({ length: COUNTER_SHARDS }, (_, k) => emptyCounter(p.id, k)));
  const batches: CouponBatchDoc[] = COUPON_BATCHES.map((b) => ({
    _id: b.id,
    issuer: b.issuer,
    title: b.title,
    valueFen: b.valueFen,
    count: b.count,
    claimed: 0,
    projectIds: b.projectIds,
    validFrom: Date.parse(b.validFrom),
    validTo: Date.parse(b.validTo),
  }));
  return {
    [C.campaigns]: [{ _id: id, ...settings }],
    [C.projects]: projects as unknown as Docs[string],
    [C.projectCounters]: counters as unknown as Docs[string],
    [C.quizBank]: QUIZ_BANK.map((q) => ({ _id: q.id, ...q })),
    [C.sponsors]: SPONSORS.map((s) => ({ _id: s.id, name: s.name, slogan: s.slogan, pledgedFen: s.pledgedFen, leftFen: s.pledgedFen, paidFen: 0, donations: 0 })),
    [C.couponBatches]: batches as unknown as Docs[string],
    [C.admins]: [{ _id: LOCAL_ADMIN_OPENID, name: '重庆市慈善总会（本地）' }],
  };
}

/** The demo date: the session day the local demo clock shows (today's time of day on it). */
export const DEMO_DATE = '2022-04-28';
export const DEMO_MATCH_OPEN_MS = beijingMs(DEMO_DATE, CHONGQING_2022.match.opensAt);
