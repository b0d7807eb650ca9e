/** Money is integer fen; the UI only formats and parses, never multiplies floats. */
import { formatYuan, parseYuan, fenToYuanText } from '@domain/money';

export { formatYuan, parseYuan, fenToYuanText };

export type AmountCheck = { ok: true; fen: number } | { ok: false; message: string };

/** Validate a yuan text typed by the user against the campaign's per-order bounds. */
export function checkAmount(text: string, minFen: number, maxFen: number): AmountCheck {
  const fen = parseYuan(text);
  if (fen === null) return { ok: false, message: '请输入正确的金额（最多两位小数）' };
  if (fen < minFen) return { ok: false, message: `单笔最少捐${formatYuan(minFen)}` };
  if (fen > maxFen) return { ok: false, message: `单笔最多捐${formatYuan(maxFen)}` };
  return { ok: true, fen };
}
