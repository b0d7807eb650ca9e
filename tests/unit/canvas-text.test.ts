/** The share cards' text (utils/canvasText): CJK breaks anywhere, closing punctuation hangs, a cut ends in …. */
import { drawHeading, wrapText } from '@/utils/canvasText';

/** Every character 10 px wide. */
const ctx = {
  measureText: (t: string) => ({ width: Array.from(t).length * 10 }),
} as unknown as CanvasRenderingContext2D;

test('lines fill to the width, the last may be short', () => {
  expect(wrapText(ctx, '一二三四五六七', 30, 5)).toEqual(['一二三', '四五六', '七']);
});

test('closing punctuation never starts a line', () => {
  expect(wrapText(ctx, '一二三。四五', 30, 5)).toEqual(['一二三。', '四五']);
});

test('past the last line the text is cut with …', () => {
  expect(wrapText(ctx, '一二三四五六七八九', 30, 2)).toEqual(['一二三', '四五…']);
});

test('a heading draws centred, the subtitle squeezed only when a width is given', () => {
  const calls: unknown[][] = [];
  const rec = {
    fillText: (...a: unknown[]) => calls.push(a),
  } as unknown as CanvasRenderingContext2D;
  const h = { x: 300, color: '#fff', title: 'T', titleY: 60, titleFont: 'a', subtitle: 'S', subtitleY: 110 };
  drawHeading(rec, { ...h, subtitleFont: 'b' });
  drawHeading(rec, { ...h, subtitleFont: 'b', subtitleMaxWidth: 540 });
  expect(calls).toEqual([
    ['T', 300, 60],
    ['S', 300, 110],
    ['T', 300, 60],
    ['S', 300, 110, 540],
  ]);
  expect(rec.textAlign).toBe('center');
});
