/** Display labels of the books pages and the project page's 善款账本 (UI text). */
import type { MoneySource } from '@domain/api';

export const SOURCE_LABELS: Array<[MoneySource, string]> = [
  ['public', '公众捐款'],
  ['match', '腾讯配捐'],
  ['sponsor', '企业步数捐'],
  ['coupon', '爱心券'],
  ['topup', '慈善总会配套'],
];

export const KIND_LABELS: Record<string, string> = {
  donation: '捐款',
  extra_match: '助力配捐',
  steps: '步数捐',
  topup: '配套',
  refund: '退款冲正',
};

/** Long hashes wrap badly on small screens: show head…tail, the full value is one tap (copy) away. */
export const shortHash = (h: string) => (h.length > 20 ? `${h.slice(0, 10)}…${h.slice(-8)}` : h);
