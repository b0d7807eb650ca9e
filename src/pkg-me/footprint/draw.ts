/** Draws the shareable 公益足迹 card on any 2D canvas context (weapp type="2d" or an H5 <canvas>). */
import { drawHeading } from '@/utils/canvasText';

export interface FootprintCard {
  name: string;
  color: string;
  /** Label → value, drawn two to a row. */
  stats: Array<[string, string]>;
  footer: string;
}

export const CARD_W = 600;
export const CARD_H = 760;

export function drawFootprint(ctx: CanvasRenderingContext2D, d: FootprintCard): void {
  ctx.fillStyle = '#fffaf5';
  ctx.fillRect(0, 0, CARD_W, CARD_H);
  ctx.fillStyle = d.color;
  ctx.fillRect(0, 0, CARD_W, 190);
  drawHeading(ctx, {
    x: CARD_W / 2,
    color: '#fff',
    title: '我的公益足迹',
    titleY: 80,
    titleFont: 'bold 42px sans-serif',
    subtitle: d.name,
    subtitleY: 140,
    subtitleFont: '24px sans-serif',
    subtitleMaxWidth: CARD_W - 80,
  });
  d.stats.forEach(([label, value], i) => {
    const x = i % 2 === 0 ? CARD_W / 4 : (CARD_W * 3) / 4;
    const y = 260 + Math.floor(i / 2) * 112;
    ctx.fillStyle = d.color;
    ctx.font = 'bold 36px sans-serif';
    ctx.fillText(value, x, y, CARD_W / 2 - 30);
    ctx.fillStyle = '#777';
    ctx.font = '20px sans-serif';
    ctx.fillText(label, x, y + 40);
  });
  ctx.fillStyle = '#999';
  ctx.font = '18px sans-serif';
  ctx.fillText(d.footer, CARD_W / 2, CARD_H - 40, CARD_W - 60);
}
