/** Federation top-up (配套): partner projects receive a share of their public money, settled incrementally. */
import { assertFen } from './errors';

/** Fen still due: floor(public × ratio) minus what was already topped up (never negative). */
export function topupDue(publicFen: number, alreadyToppedFen: number, ratioBp: number): number {
  assertFen(publicFen, 'publicFen');
  assertFen(alreadyToppedFen, 'alreadyToppedFen');
  if (!Number.isInteger(ratioBp) || ratioBp < 0) throw new RangeError('ratioBp must be a whole number ≥ 0');
  return Math.max(0, Math.floor((publicFen * ratioBp) / 10_000) - alreadyToppedFen);
}
