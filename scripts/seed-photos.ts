/**
 * The seed's project photos, drawn here (nothing downloaded): a sky-to-ground gradient with a motif for the
 * project's domain (a field, a house, a book, a flower, a heart, a sun, trees), in a few colour variants. 7 motifs × 4
 * variants = 28 small PNGs (300×200, 2–4 KB each) shared by every seeded project; each project carries three of
 * its motif's variants, chosen by its id, so neighbouring cards differ. Deterministic: the same bytes every run.
 */
import { encodePng } from './png';

export const PHOTO_WIDTH = 300;
export const PHOTO_HEIGHT = 200;
export const PHOTOS_PER_PROJECT = 3;
export const PHOTO_VARIANTS = 4;
/** Where the seed keeps its photos in cloud storage. */
export const SEED_PHOTO_DIR = 'seed/photos';

const MOTIFS = ['field', 'house', 'book', 'flower', 'heart', 'sun', 'tree'] as const;
type Motif = (typeof MOTIFS)[number];

/** Both shipped campaigns' domains; another domain gets a motif by a hash of its name. */
const DOMAIN_MOTIF: Record<string, Motif> = {
  产业帮扶: 'field',
  养老帮扶: 'house',
  教育帮扶: 'book',
  人才帮扶: 'flower',
  儿童关爱帮扶: 'heart',
  扶弱济困: 'sun',
  生态振兴: 'tree',
  乡村振兴: 'field',
  教育: 'book',
  生态保护: 'tree',
  生命健康: 'heart',
};

const hash = (s: string): number => {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
};

const motifOf = (domain: string): Motif => DOMAIN_MOTIF[domain] ?? MOTIFS[hash(domain) % MOTIFS.length];

export const seedPhotoPath = (motif: Motif, variant: number): string => `${SEED_PHOTO_DIR}/${motif}-${variant}.png`;

/** The cloud paths of a project's photos (its motif's variants, starting at one its id picks). */
export function projectPhotoPaths(projectId: string, domain: string): string[] {
  const motif = motifOf(domain);
  const first = hash(projectId) % PHOTO_VARIANTS;
  return Array.from({ length: PHOTOS_PER_PROJECT }, (_, k) => seedPhotoPath(motif, (first + k) % PHOTO_VARIANTS));
}

type RGB = [number, number, number];
/** Sky top, sky bottom, ground, motif colour per variant. */
const PALETTES: Array<[RGB, RGB, RGB, RGB]> = [
  [
    [120, 180, 240],
    [220, 236, 250],
    [110, 170, 90],
    [232, 68, 58],
  ],
  [
    [250, 170, 110],
    [255, 228, 190],
    [150, 120, 80],
    [255, 255, 255],
  ],
  [
    [90, 110, 200],
    [200, 190, 240],
    [70, 130, 110],
    [255, 210, 80],
  ],
  [
    [100, 200, 190],
    [230, 250, 240],
    [160, 190, 90],
    [240, 110, 140],
  ],
];

const mixRgb = (a: RGB, b: RGB, t: number): RGB => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as RGB;

/** Is (x, y) inside the motif, in unit coordinates (0..1 across, 0..1 down)? */
function inMotif(motif: Motif, x: number, y: number): boolean {
  const cx = x - 0.5;
  const cy = y - 0.45;
  switch (motif) {
    case 'field': // furrows across the ground and a sprout
      return (
        (y > 0.62 && Math.sin((x * 3 + y * 9) * Math.PI * 2) > 0.6) ||
        (Math.abs(cx) < 0.012 && cy > -0.1 && cy < 0.17) ||
        (cx * cx * 40 + (cy + 0.05) * (cy + 0.05) * 400 < 1 && cx > 0)
      );
    case 'house': // walls and a roof
      return (
        (Math.abs(cx) < 0.16 && cy > 0 && cy < 0.2) || (cy <= 0 && cy > -0.18 && Math.abs(cx) < 0.22 * (1 + cy / 0.18))
      );
    case 'book': // two open pages
      return (
        Math.abs(cx) < 0.22 && Math.abs(cx) > 0.01 && cy > -0.12 + Math.abs(cx) * 0.3 && cy < 0.14 + Math.abs(cx) * 0.3
      );
    case 'flower': {
      const a = Math.atan2(cy, cx);
      const r = Math.hypot(cx * 1.5, cy);
      return r < 0.09 + 0.07 * Math.cos(5 * a + Math.PI / 2);
    }
    case 'heart': {
      const u = cx * 5.5;
      const v = -cy * 5.5 + 0.3;
      return (u * u + v * v - 1) ** 3 - u * u * v * v * v < 0;
    }
    case 'sun': // a sun with rays
      return (
        Math.hypot(cx * 1.5, cy) < 0.12 || (Math.hypot(cx * 1.5, cy) < 0.2 && Math.cos(Math.atan2(cy, cx) * 12) > 0.7)
      );
    case 'tree': // three triangular trees
      return [-0.25, 0, 0.25].some((tx) => {
        const dx = Math.abs(x - 0.5 - tx);
        return (y > 0.25 && y < 0.6 && dx < (y - 0.25) * 0.35) || (dx < 0.015 && y >= 0.6 && y < 0.7);
      });
  }
}

/** One photo's PNG bytes. */
export const drawSeedPhoto = (motif: Motif, variant: number): Buffer =>
  drawSeedPhotoSized(motif, variant, PHOTO_WIDTH, PHOTO_HEIGHT);

/** A photo at another size (the app's share image uses the same style; the motif keeps the 3:2 layout). */
export function drawSeedPhotoSized(motif: Motif, variant: number, width: number, height: number): Buffer {
  const [top, bottom, ground, ink] = PALETTES[variant % PALETTES.length];
  const horizon = 0.62 + 0.04 * Math.sin(variant);
  const aspect = (width / height) * (PHOTO_HEIGHT / PHOTO_WIDTH);
  return encodePng(width, height, (px, py) => {
    const x = px / width;
    const y = py / height;
    if (inMotif(motif, 0.5 + (x - 0.5) * aspect, y)) return ink;
    if (y < horizon + 0.03 * Math.sin(x * 6 + variant)) return mixRgb(top, bottom, y / horizon);
    return mixRgb(ground, [40, 60, 40], (y - horizon) * 0.8);
  });
}

/** Every seed photo's cloud path, and how to draw it (28 images: about a second of CPU, so only when missing). */
export function seedPhotoList(): Array<{ path: string; draw: () => Buffer }> {
  return MOTIFS.flatMap((m) =>
    Array.from({ length: PHOTO_VARIANTS }, (_, v) => ({ path: seedPhotoPath(m, v), draw: () => drawSeedPhoto(m, v) })),
  );
}

/** Every seed photo: cloud path and bytes. */
export function seedPhotos(): Array<{ path: string; bytes: Buffer }> {
  return seedPhotoList().map((p) => ({ path: p.path, bytes: p.draw() }));
}
