/**
 * A minimal PNG encoder (truecolour, 8 bits, no interlace) on node:zlib: the seed draws its own images and
 * tests make real PNGs with it, nothing downloaded. `text` adds a tEXt chunk (tests use it to make an image
 * the emulator's imgSecCheck flags).
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encode `width × height` pixels; `pixel(x, y)` returns [r, g, b] (0–255), or [r, g, b, a] for every pixel when
 * `alpha` is set (truecolour with alpha: icons on any background).
 */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => number[],
  text?: string,
  alpha = false,
): Buffer {
  const bpp = alpha ? 4 : 3;
  const stride = width * bpp;
  const raw = Buffer.alloc((stride + 1) * height);
  let prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  const cand = [Buffer.alloc(stride), Buffer.alloc(stride), Buffer.alloc(stride)];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) cur.set(pixel(x, y), x * bpp);
    // Per row, the smallest of filters none / sub / up (by sum of |signed byte|): gradients compress tenfold.
    let best = 0;
    let bestCost = Infinity;
    for (let f = 0; f < 3; f++) {
      let cost = 0;
      for (let i = 0; i < stride; i++) {
        const pred = f === 1 ? (i >= bpp ? cur[i - bpp] : 0) : f === 2 ? prev[i] : 0;
        const v = (cur[i] - pred) & 0xff;
        cand[f][i] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) [best, bestCost] = [f, cost];
    }
    const row = y * (stride + 1);
    raw[row] = best;
    cand[best].copy(raw, row + 1);
    prev = Buffer.from(cur);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, alpha ? 6 : 2, 0, 0, 0], 8); // 8-bit, truecolour (+ alpha), deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(text ? [chunk('tEXt', Buffer.from(`Comment\0${text}`, 'utf8'))] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
