/**
 * Love-coupon validity. Batches state their window to the second ("…T23:59:59+08:00"), and that last
 * second counts whole: a coupon valid "until 23:59:59" still works at 23:59:59.500, while donations
 * are open until 24:00. (Comparing the raw milliseconds lost the last second of every window.)
 */
const SECOND_MS = 1000;

export function couponValidAt(window: { validFrom: number; validTo: number }, nowMs: number): boolean {
  return nowMs >= window.validFrom && Math.floor(nowMs / SECOND_MS) * SECOND_MS <= window.validTo;
}
