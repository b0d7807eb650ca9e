/**
 * Sizes of the documents the payment path writes, estimated by building each shape at its largest
 * (the simulated session's worst case) and measuring its JSON, as `bench:match` measures the store.
 * Shapes follow cloudfunctions/_lib/collections.ts (MatchUserDoc, pool shard, ProjectCounterDoc).
 */
import { RECENT_PAID_KEPT } from '../../domain/match';

export interface DocSizeInput {
  /** Session days (a user's document keeps one small entry per day). */
  days: string[];
  /** Distinct projects matched in the fullest pool shard of a day (its bounded `projects` map). */
  projectsPerShard: number;
  /** Most distinct projects one user paid to. */
  projectsPerUser: number;
  /** Most orders one user had open (created, not yet paid) at once. */
  openOrdersPerUser: number;
  /** Pool shards per day (shard ids) and projects (id length). */
  shards: number;
  projects: number;
}

const ORDER_ID = 'SX20220427ABCDEFGHJKLMNP'; // 24 chars, domain/ids.ts newOrderId
const OPENID = 'oAbCdEfGhIjKlMnOpQrStUvWxYz0'; // 28 chars, WeChat openid
const T = 1_651_046_400_000; // a 13-digit ms time
const projectId = (i: number): string => `p${String(i).padStart(3, '0')}`;
const bytes = (doc: unknown): number => Buffer.byteLength(JSON.stringify(doc), 'utf8');

export function docSizes(input: DocSizeInput): Record<string, number> {
  const map = <V>(n: number, key: (i: number) => string, value: V): Record<string, V> =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [key(i), value]));
  const matchUser = {
    _id: `cq2022_u${'z'.repeat(12)}`,
    days: Object.fromEntries(input.days.map((d) => [d, { matchedFen: 99_900, paid: 99 }])),
    recent: Array.from({ length: RECENT_PAID_KEPT }, () => ({ at: T, id: ORDER_ID })),
    open: map(input.openOrdersPerUser, (i) => `${ORDER_ID.slice(0, -2)}${String(i).padStart(2, '0')}`, T),
    projects: map(Math.min(input.projects, input.projectsPerUser), projectId, 1 as const),
  };
  const poolShard = {
    _id: `2022-04-27_${input.shards - 1}`,
    day: '2022-04-27',
    shard: input.shards - 1,
    budgetFen: 13_020_833_33,
    spentFen: 13_020_833_33,
    draws: 9_999_999,
    demandFen: 999_999_999_999,
    projects: map(Math.min(input.projects, input.projectsPerShard), projectId, 999_999_999),
  };
  const projectCounter = {
    _id: `${projectId(input.projects - 1)}_31`,
    projectId: projectId(input.projects - 1),
    public: 99_999_999_999,
    match: 9_999_999_999,
    sponsor: 9_999_999_999,
    coupon: 999_999_999,
    topup: 999_999_999,
    donations: 9_999_999,
    flowers: 9_999_999,
    donors: 9_999_999,
    firstDonors: 9_999_999,
  };
  const order = {
    _id: ORDER_ID,
    openid: OPENID,
    projectId: projectId(0),
    amountFen: 5_000_000,
    payFen: 5_000_000,
    couponFen: 0,
    couponId: null,
    message: '愿乡村越来越好'.repeat(7), // a 50-character message
    anonymous: false,
    shareId: null,
    status: 'paid',
    createdAt: T,
    expiresAt: T,
    day: '2022-04-27',
    paidAt: T,
    transactionId: '4200001234202204271234567890',
    match: { amountFen: 99_900 },
    flowersEarned: 1,
    extraDraws: 5,
    extraMatchedFen: 99_900,
    extraByShard: map(5, (i) => `2022-04-27_${input.shards - 1 - i}`, 99_900),
    extraDrawBy: map(5, (i) => `A${ORDER_ID}${i}`, 1),
    matchShard: `2022-04-27_${input.shards - 1}`,
    flowerDue: true,
    tally: { state: 'in', fen: 5_000_000, matchFen: 99_900 },
  };
  const journal = {
    _id: `donation_${ORDER_ID}`,
    kind: 'donation',
    postings: [
      { account: `donor:${OPENID}`, amountFen: -5_000_000 },
      { account: `project:${projectId(0)}:public`, amountFen: 5_000_000 },
      { account: 'pool:foundation', amountFen: -99_900 },
      { account: `project:${projectId(0)}:match`, amountFen: 99_900 },
    ],
    projectId: projectId(0),
    orderId: ORDER_ID,
    openid: OPENID,
    amountFen: 5_099_900,
    at: T,
    day: '2022-04-27',
  };
  return {
    matchUser: bytes(matchUser),
    poolShard: bytes(poolShard),
    projectCounter: bytes(projectCounter),
    order: bytes(order),
    journal: bytes(journal),
  };
}

/** Expected distinct items among `draws` picks from a popularity distribution (shares sum to 1). */
export function expectedDistinct(shares: Float64Array, draws: number): number {
  let sum = 0;
  for (const p of shares) sum += 1 - Math.exp(-p * draws);
  return sum;
}
