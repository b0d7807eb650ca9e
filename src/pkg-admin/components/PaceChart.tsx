/**
 * The pool's spend against its pacing curve, drawn on a 2D canvas (weapp and H5 alike, no chart library in
 * the package): the curve as a line, today's spend so far as a dot at the current hour.
 */
import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Canvas } from '@tarojs/components';

interface Props {
  curve: Array<{ hour: number; allowedFen: number }>;
  spentFen: number;
  hour: number;
}

type Ctx = CanvasRenderingContext2D;

function draw(ctx: Ctx, w: number, h: number, { curve, spentFen, hour }: Props) {
  const max = Math.max(1, spentFen, ...curve.map((c) => c.allowedFen));
  const x = (hr: number) => 30 + (hr / 24) * (w - 40);
  const y = (fen: number) => h - 20 - (fen / max) * (h - 30);
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = '#cccccc';
  ctx.beginPath();
  ctx.moveTo(30, h - 20);
  ctx.lineTo(w - 10, h - 20);
  ctx.stroke();
  ctx.fillStyle = '#999999';
  ctx.font = '10px sans-serif';
  for (const hr of [0, 6, 10, 12, 18, 24]) ctx.fillText(String(hr), x(hr) - 4, h - 6);
  ctx.strokeStyle = '#3a7be8';
  ctx.lineWidth = 2;
  ctx.beginPath();
  curve.forEach((c, i) => (i ? ctx.lineTo(x(c.hour), y(c.allowedFen)) : ctx.moveTo(x(c.hour), y(c.allowedFen))));
  ctx.stroke();
  ctx.fillStyle = '#e8443a';
  ctx.beginPath();
  ctx.arc(x(hour), y(spentFen), 5, 0, Math.PI * 2);
  ctx.fill();
}

export default function PaceChart(props: Props) {
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') {
      // Taro's H5 canvas is a web component whose inner <canvas> appears a moment after the first render.
      let tries = 0;
      const timer = setInterval(() => {
        const el = document.querySelector('#pace-chart canvas, canvas#pace-chart') as HTMLCanvasElement | null;
        if (!el && ++tries < 20) return;
        clearInterval(timer);
        if (!el) return;
        el.width = el.clientWidth || 320;
        el.height = el.clientHeight || 180;
        const ctx = el.getContext('2d');
        if (ctx) draw(ctx, el.width, el.height, props);
      }, 50);
      return () => clearInterval(timer);
    }
    Taro.createSelectorQuery()
      .select('#pace-chart')
      .fields({ node: true, size: true })
      .exec((res) => {
        const node = res?.[0]?.node as HTMLCanvasElement | undefined;
        if (!node) return;
        const { width, height } = res[0] as { width: number; height: number };
        node.width = width;
        node.height = height;
        draw(node.getContext('2d') as Ctx, width, height, props);
      });
  });
  return <Canvas type="2d" id="pace-chart" canvasId="pace-chart" className="console__chart" />;
}
