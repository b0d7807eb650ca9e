/** Text on the share cards' 2D canvases (certificate, poster, 公益足迹): pure drawing on any context. */

type Ctx = CanvasRenderingContext2D;

const CLOSING = '。，、；：！？」）”';

/** Split text into lines that fit maxWidth (CJK: break anywhere); the last line kept ends in … if cut. */
export function wrapText(ctx: Ctx, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    // Closing punctuation never starts a line; let it hang past the margin instead.
    if (ctx.measureText(line + ch).width > maxWidth && line && !CLOSING.includes(ch)) {
      lines.push(line);
      line = ch;
      if (lines.length === maxLines) return [...lines.slice(0, -1), `${lines[maxLines - 1].slice(0, -1)}…`];
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines.slice(0, maxLines);
}

export interface Heading {
  /** Centre line of both texts. */
  x: number;
  color: string;
  title: string;
  titleY: number;
  titleFont: string;
  subtitle: string;
  subtitleY: number;
  subtitleFont: string;
  /** Widest the subtitle may draw (a long campaign or user name is squeezed, not cut). */
  subtitleMaxWidth?: number;
}

/** A card's centred title and the line under it; leaves the context centred, middle-aligned. */
export function drawHeading(ctx: Ctx, h: Heading): void {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = h.color;
  ctx.font = h.titleFont;
  ctx.fillText(h.title, h.x, h.titleY);
  ctx.font = h.subtitleFont;
  if (h.subtitleMaxWidth === undefined) ctx.fillText(h.subtitle, h.x, h.subtitleY);
  else ctx.fillText(h.subtitle, h.x, h.subtitleY, h.subtitleMaxWidth);
}
