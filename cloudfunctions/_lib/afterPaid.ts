/**
 * What follows a confirmed payment, outside the money transaction: for a donation made through a
 * friend's assist page, the assist. Idempotent by the order id, so the callback re-runs it on every
 * WeChat retry. (Donation flowers are credited lazily by `syncDonationFlowers`, keeping the payment
 * path to two reads and five writes.)
 */
import type { OrderDoc } from './collections';
import { assistFromDonation } from './assistFlow';

export async function afterPaid(order: OrderDoc, nowMs: number): Promise<void> {
  if (order.shareId) await assistFromDonation(order, nowMs);
}
