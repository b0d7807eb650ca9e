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
  let cur = Buffer.alloc(stride);
  const cost = (v: number) => (v < 128 ? v : 256 - v);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = pixel(x, y);
      for (let c = 0; c < bpp; c++) cur[x * bpp + c] = p[c];
    }
    // Per row, the smallest of filters none / sub / up (by sum of |signed byte|): gradients compress tenfold.
    let none = 0;
    let sub = 0;
    let up = 0;
    for (let i = 0; i < stride; i++) {
      const c = cur[i];
      none += cost(c);
      sub += cost((c - (i >= bpp ? cur[i - bpp] : 0)) & 0xff);
      up += cost((c - prev[i]) & 0xff);
    }
    const best = sub <= none && sub <= up ? 1 : up <= none ? 2 : 0;
    const row = y * (stride + 1);
    raw[row] = best;
    for (let i = 0; i < stride; i++) {
      const pred = best === 1 ? (i >= bpp ? cur[i - bpp] : 0) : best === 2 ? prev[i] : 0;
      raw[row + 1 + i] = (cur[i] - pred) & 0xff;
    }
    [prev, cur] = [cur, prev];
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
