/**
 * `npx tsx scripts/gen-assets.ts`: draw the app's few images into src/assets (committed; nothing downloaded): the
 * tab bar icons (81×81, grey and the campaign red, transparent) and the share card image used where a page has no
 * photo of its own (500×400, a heart over a sunrise: the seed's photo style).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './png';
import { drawSeedPhotoSized } from './seed-photos';

const OUT = join(__dirname, '..', 'src', 'assets');
const SIZE = 81;
const GREY = [102, 102, 102];
const RED = [232, 68, 58];

/** Coverage of a shape at (x, y) in unit coordinates, 4× supersampled for smooth edges. */
function icon(shape: (x: number, y: number) => boolean, rgb: number[]): Buffer {
  return encodePng(
    SIZE,
    SIZE,
    (px, py) => {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) if (shape((px + (sx + 0.5) / 4) / SIZE, (py + (sy + 0.5) / 4) / SIZE)) hits++;
      return [...rgb, Math.round((hits / 16) * 255)];
    },
    undefined,
    true,
  );
}

/** 专场: a house (roof, walls, a door cut out). */
const home = (x: number, y: number): boolean => {
  const roof =
    y > 0.14 && y < 0.5 && Math.abs(x - 0.5) < (y - 0.14) * 1.15 && Math.abs(x - 0.5) > (y - 0.14) * 1.15 - 0.1;
  const walls = y >= 0.45 && y < 0.86 && Math.abs(x - 0.5) < 0.3 && !(Math.abs(x - 0.5) < 0.08 && y > 0.62);
  return roof || walls;
};

/** 我的: a person (head and shoulders). */
const me = (x: number, y: number): boolean => {
  const head = Math.hypot(x - 0.5, y - 0.33) < 0.17;
  const body =
    y > 0.58 && y < 0.88 && Math.hypot((x - 0.5) / 1.25, y - 0.88) < 0.33 && Math.hypot((x - 0.5) / 1.25, y - 0.88) > 0;
  return head || body;
};

export function generateAssets(): Record<string, Buffer> {
  return {
    'tab-home.png': icon(home, GREY),
    'tab-home-active.png': icon(home, RED),
    'tab-me.png': icon(me, GREY),
    'tab-me-active.png': icon(me, RED),
    'share-cover.png': drawSeedPhotoSized('heart', 0, 500, 400),
  };
}

if (require.main === module) {
  mkdirSync(OUT, { recursive: true });
  for (const [name, bytes] of Object.entries(generateAssets())) {
    writeFileSync(join(OUT, name), bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
}
