/**
 * 爱心券 (love coupons): seed 004 — 大米先生, 乡村基 and three other caring enterprises issued coupons for 39
 * projects of the session. The enterprise pays the coupon's value into the project when a user donates with it.
 * Validity is within the session, 2022-04-27..29 Beijing time.
 */
export interface SeedCouponBatch {
  id: string;
  issuer: string;
  title: string;
  valueFen: number;
  count: number;
  projectIds: string[];
  validFrom: string;
  validTo: string;
}

const SESSION_OPEN = '2022-04-27T10:00:00+08:00';
const SESSION_CLOSE = '2022-04-29T23:59:59+08:00';

export const COUPON_BATCHES: SeedCouponBatch[] = [
  {
    id: 'cb01',
    issuer: '大米先生',
    title: '大米先生爱心券·助学早餐',
    valueFen: 500,
    count: 20_000,
    projectIds: ['p020', 'p021', 'p022', 'p023', 'p084', 'p085', 'p086', 'p087'],
    validFrom: SESSION_OPEN,
    validTo: SESSION_CLOSE,
  },
  {
    id: 'cb02',
    issuer: '大米先生',
    title: '大米先生爱心券·乡村课堂',
    valueFen: 300,
    count: 10_000,
    projectIds: ['p023', 'p087', 'p024', 'p025'],
    validFrom: '2022-04-28T10:00:00+08:00',
    validTo: '2022-04-28T23:59:59+08:00',
  },
  {
    id: 'cb03',
    issuer: '乡村基',
    title: '乡村基爱心券·关爱留守儿童',
    valueFen: 500,
    count: 16_000,
    projectIds: ['p038', 'p040', 'p042', 'p045', 'p102', 'p104', 'p106'],
    validFrom: SESSION_OPEN,
    validTo: SESSION_CLOSE,
  },
  {
    id: 'cb04',
    issuer: '乡村基',
    title: '乡村基爱心券·老人助餐',
    valueFen: 300,
    count: 12_000,
    projectIds: ['p011', 'p013', 'p016', 'p075', 'p077'],
    validFrom: '2022-04-27T10:00:00+08:00',
    validTo: '2022-04-27T23:59:59+08:00',
  },
  {
    id: 'cb05',
    issuer: '重庆巴渝鲜生超市连锁',
    title: '巴渝鲜生爱心券·山货出山',
    valueFen: 200,
    count: 15_000,
    projectIds: ['p002', 'p003', 'p004', 'p006', 'p066', 'p067', 'p068'],
    validFrom: SESSION_OPEN,
    validTo: SESSION_CLOSE,
  },
  {
    id: 'cb06',
    issuer: '重庆渝味火锅餐饮管理有限公司',
    title: '渝味爱心券·扶弱济困',
    valueFen: 1_000,
    count: 5_000,
    projectIds: ['p047', 'p048', 'p051', 'p111', 'p115'],
    validFrom: '2022-04-29T10:00:00+08:00',
    validTo: SESSION_CLOSE,
  },
  {
    id: 'cb07',
    issuer: '重庆山城出行科技有限公司',
    title: '山城出行爱心券·绿色乡村',
    valueFen: 100,
    count: 30_000,
    projectIds: ['p056', 'p057', 'p059', 'p120', 'p121'],
    validFrom: SESSION_OPEN,
    validTo: SESSION_CLOSE,
  },
];

/** Distinct projects that accept coupons (39). */
export const COUPON_PROJECT_IDS: string[] = [...new Set(COUPON_BATCHES.flatMap((b) => b.projectIds))];
