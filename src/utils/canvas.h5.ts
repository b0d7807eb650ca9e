/** H5: Taro renders <Canvas> as a web component wrapping a real <canvas>; save = download the data URL. */
import type { CanvasHandle } from './canvas';

export type { CanvasHandle };

export function getCanvas(id: string, width: number, height: number): Promise<CanvasHandle> {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const find = () => {
      const host = document.getElementById(id);
      const canvas = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas');
      if (!canvas) {
        if (++tries > 40) return reject(new Error('canvas not found'));
        return setTimeout(find, 50); // the web component renders its inner canvas asynchronously
      }
      const dpr = window.devicePixelRatio || 1;
      const scale = (canvas.clientWidth / width || 1) * dpr;
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext('2d')!;
      ctx.scale(scale, scale);
      resolve({ canvas, ctx });
    };
    find();
  });
}

/** An image drawable on the canvas; cross-origin-clean so the canvas can still be exported. */
export function loadImage(_canvas: unknown, src: string): Promise<CanvasImageSource> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`image failed: ${src}`));
    img.src = src;
  });
}

export async function saveCanvasImage(canvas: unknown): Promise<void> {
  const a = document.createElement('a');
  a.href = (canvas as HTMLCanvasElement).toDataURL('image/png');
  a.download = 'shanxing.png';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
