/** Draws the share poster on any 2D canvas context (weapp type="2d" or an H5 <canvas>). */
import { drawHeading, wrapText } from '@/utils/canvasText';

export interface PosterData {
  campaignName: string;
  color: string;
  donorName: string;
  /** The donor's avatar, already loaded; null draws none. */
  avatar: CanvasImageSource | null;
  projectTitle: string;
  org: string;
  amountText: string;
  /** The mini-program code, already loaded; null draws its placeholder frame only. */
  code: CanvasImageSource | null;
}

/** Logical size; the canvas backing store is scaled by the device pixel ratio. */
export const POSTER_W = 600;
export const POSTER_H = 900;

type Ctx = CanvasRenderingContext2D;

export function drawPoster(ctx: Ctx, d: PosterData): void {
  ctx.fillStyle = d.color;
  ctx.fillRect(0, 0, POSTER_W, POSTER_H);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(30, 150, POSTER_W - 60, POSTER_H - 180);

  drawHeading(ctx, {
    x: POSTER_W / 2,
    color: '#ffffff',
    title: '一起做好事',
    titleY: 60,
    titleFont: 'bold 40px sans-serif',
    subtitle: d.campaignName,
    subtitleY: 110,
    subtitleFont: '22px sans-serif',
    subtitleMaxWidth: POSTER_W - 60,
  });

  // The donor's avatar: a circle on the card's top edge.
  const r = 44;
  ctx.save();
  ctx.beginPath();
  ctx.arc(POSTER_W / 2, 150, r + 4, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.beginPath();
  ctx.arc(POSTER_W / 2, 150, r, 0, Math.PI * 2);
  ctx.clip();
  if (d.avatar) ctx.drawImage(d.avatar, POSTER_W / 2 - r, 150 - r, r * 2, r * 2);
  else {
    ctx.fillStyle = '#f3c1bd';
    ctx.fillRect(POSTER_W / 2 - r, 150 - r, r * 2, r * 2);
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 40px sans-serif';
    ctx.fillText('善', POSTER_W / 2, 152);
  }
  ctx.restore();

  ctx.fillStyle = '#333333';
  ctx.font = 'bold 28px sans-serif';
  ctx.fillText(`${d.donorName} 为这个项目捐了`, POSTER_W / 2, 228, POSTER_W - 100);
  ctx.fillStyle = d.color;
  ctx.font = 'bold 56px sans-serif';
  ctx.fillText(d.amountText, POSTER_W / 2, 292);

  ctx.fillStyle = '#222222';
  ctx.font = 'bold 30px sans-serif';
  wrapText(ctx, `「${d.projectTitle}」`, POSTER_W - 120, 2).forEach((l, i) =>
    ctx.fillText(l, POSTER_W / 2, 365 + i * 42),
  );
  ctx.fillStyle = '#888888';
  ctx.font = '20px sans-serif';
  ctx.fillText(d.org, POSTER_W / 2, 455, POSTER_W - 120);

  const size = 260;
  const x = (POSTER_W - size) / 2;
  const y = 500;
  if (d.code) ctx.drawImage(d.code, x, y, size, size);
  else {
    ctx.strokeStyle = '#dddddd';
    ctx.strokeRect(x, y, size, size);
  }
  ctx.fillStyle = '#666666';
  ctx.font = '20px sans-serif';
  ctx.fillText('长按识别小程序码，为项目助力', POSTER_W / 2, y + size + 40);
}
