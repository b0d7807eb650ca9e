/** Weapp: get the type="2d" canvas node, and save its image to the photo album. */
import Taro from '@tarojs/taro';

export interface CanvasHandle {
  canvas: unknown;
  ctx: CanvasRenderingContext2D;
}

export function getCanvas(id: string, width: number, height: number): Promise<CanvasHandle> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res) => {
        const node = res?.[0]?.node as (HTMLCanvasElement & { width: number; height: number }) | undefined;
        if (!node) return reject(new Error('canvas not found'));
        const dpr = Taro.getSystemInfoSync().pixelRatio || 2;
        const shown = res[0].width as number; // CSS px the canvas is displayed at
        const scale = (shown / width) * dpr;
        node.width = Math.round(width * scale);
        node.height = Math.round(height * scale);
        const ctx = node.getContext('2d') as CanvasRenderingContext2D;
        ctx.scale(scale, scale);
        resolve({ canvas: node, ctx });
      });
  });
}

/** An image drawable on that canvas (weapp: canvas.createImage). */
export function loadImage(canvas: unknown, src: string): Promise<CanvasImageSource> {
  return new Promise((resolve, reject) => {
    const img = (canvas as { createImage(): HTMLImageElement }).createImage();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`image failed: ${src}`));
    img.src = src;
  });
}

export async function saveCanvasImage(canvas: unknown): Promise<void> {
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: canvas as Taro.Canvas,
  } as Taro.canvasToTempFilePath.Option);
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
  Taro.showToast({ title: '已保存到相册', icon: 'success' });
}
