/** Draws the donation certificate on any 2D canvas context (weapp type="2d" or an H5 <canvas>). */
import { drawHeading, wrapText } from '@/utils/canvasText';

/** Everything drawn; the campaign's wording, names and colour come in already resolved (pure drawing). */
export interface CertificateData {
  /** The campaign's certificate title ("捐赠证书"), campaign name, organiser (the seal) and colour. */
  title: string;
  campaignName: string;
  organiser: string;
  color: string;
  /** The thank-you body (src/utils/rules.ts certificateBody). */
  body: string;
  donorName: string;
  projectTitle: string;
  amountText: string;
  dateText: string;
  certificateNo: string;
}

/** Logical size; the canvas backing store is scaled by the device pixel ratio. */
export const CERT_W = 600;
export const CERT_H = 840;

type Ctx = CanvasRenderingContext2D;

export function drawCertificate(ctx: Ctx, d: CertificateData): void {
  const red = d.color;
  ctx.fillStyle = '#fffaf0';
  ctx.fillRect(0, 0, CERT_W, CERT_H);
  ctx.strokeStyle = red;
  ctx.lineWidth = 6;
  ctx.strokeRect(20, 20, CERT_W - 40, CERT_H - 40);
  ctx.lineWidth = 1.5;
  ctx.strokeRect(34, 34, CERT_W - 68, CERT_H - 68);

  drawHeading(ctx, {
    x: CERT_W / 2,
    color: red,
    title: d.title,
    titleY: 110,
    titleFont: 'bold 44px sans-serif',
    subtitle: d.campaignName,
    subtitleY: 160,
    subtitleFont: '20px sans-serif',
  });

  ctx.fillStyle = '#333';
  ctx.textAlign = 'left';
  ctx.font = 'bold 30px sans-serif';
  ctx.fillText(`${d.donorName}：`, 70, 240);
  ctx.font = '24px sans-serif';
  // First line indented by two characters' worth, like a printed letter.
  wrapText(ctx, `\u3000\u3000${d.body}`, CERT_W - 150, 7).forEach((line, i) => ctx.fillText(line, 70, 300 + i * 44));

  ctx.textAlign = 'center';
  ctx.fillStyle = red;
  ctx.font = 'bold 48px sans-serif';
  ctx.fillText(d.amountText, CERT_W / 2, 590);

  // Seal: a red ring with the organiser's name.
  const cx = CERT_W - 150;
  const cy = CERT_H - 130;
  ctx.strokeStyle = red;
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.arc(cx, cy, 70, 0, Math.PI * 2);
  ctx.stroke();
  ctx.font = 'bold 17px sans-serif';
  // maxWidth keeps a long name inside the ring (the canvas narrows the glyphs).
  ctx.fillText(d.organiser, cx, cy - 14, 120);
  ctx.font = '13px sans-serif';
  ctx.fillText(d.campaignName, cx, cy + 16, 120);

  // Footer left of the seal; a long certificate number goes on its own line so the seal never covers it.
  ctx.textAlign = 'left';
  ctx.fillStyle = '#888';
  ctx.font = '18px sans-serif';
  const footerX = 60;
  const footerW = cx - 70 - 16 - footerX;
  const numberLine = `证书编号：${d.certificateNo}`;
  const footer =
    ctx.measureText(numberLine).width <= footerW
      ? [numberLine, `日期：${d.dateText}`, d.organiser]
      : ['证书编号：', d.certificateNo, `日期：${d.dateText}`, d.organiser];
  const lineH = 32;
  footer.forEach((line, i) => ctx.fillText(line, footerX, CERT_H - 86 - (footer.length - 1 - i) * lineH, footerW));
}
