/**
 * Percent of max, clamped to 0–100, integer maths only. Lives outside components/ProgressBar because
 * `taro build native-components` keeps only the default export of a component entry.
 */
export function progressPercent(value: number, max: number): number {
  if (max <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((value * 100) / max)));
}
