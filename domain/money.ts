/** Money is integer fen end to end; these helpers keep floats out of arithmetic. */

export const isFen = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

/** "12.34" / "12" / "0.5" → fen by string parsing (never `yuan * 100`); null if not a valid amount. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1234 → "12.34" */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1234 → "¥12.34"; large sums use 万 like the Tencent Charity pages. */
export function formatYuan(fen: number, { wan = false } = {}): string {
  if (wan && Math.abs(fen) >= 1_000_000) {
    const wanTimes100 = Math.round(fen / 10_000); // hundredths of 万
    return `¥${fenToYuanText(wanTimes100)}万`;
  }
  return `¥${fenToYuanText(fen).replace(/\B(?=(\d{3})+\.)/g, ',')}`; // ¥330,000.00, as on the campaign pages
}

export function sumFen(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
