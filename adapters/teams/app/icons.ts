import { deflateSync } from 'node:zlib';

/**
 * Tandem's Teams icons, drawn from code so that anyone can regenerate them: two linked rings
 * (two teams working in tandem). The colour icon is 192×192 on the accent colour; the outline
 * icon is 32×32, white on transparent, as Teams requires.
 */
export const ACCENT = { r: 0x2f, g: 0x5d, b: 0x8a };

type Pixel = [number, number, number, number];

/** The 192×192 full-colour icon. */
export function colorIcon(): Buffer {
  return drawRings(192, (coverage) => blend([ACCENT.r, ACCENT.g, ACCENT.b, 255], [255, 255, 255, 255], coverage));
}

/** The 32×32 outline icon: white, transparent elsewhere. */
export function outlineIcon(): Buffer {
  return drawRings(32, (coverage) => [255, 255, 255, Math.round(255 * coverage)]);
}

function drawRings(size: number, paint: (coverage: number) => Pixel): Buffer {
  const c = size / 2;
  const radius = size * 0.22;
  const stroke = Math.max(size * 0.075, 2.2);
  const rings = [
    { x: c - radius * 0.62, y: c },
    { x: c + radius * 0.62, y: c },
  ];
  const pixels: Pixel[] = [];
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Supersample each pixel for smooth edges.
      let inside = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          if (rings.some((r) => Math.abs(Math.hypot(px - r.x, py - r.y) - radius) <= stroke / 2)) inside++;
        }
      }
      pixels.push(paint(inside / (samples * samples)));
    }
  }
  return encodePng(size, size, pixels);
}

function blend(a: Pixel, b: Pixel, t: number): Pixel {
  return [0, 1, 2, 3].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Pixel;
}

/** A minimal RGBA PNG: signature, IHDR, one IDAT of unfiltered scanlines, IEND. */
export function encodePng(width: number, height: number, pixels: readonly Pixel[]): Buffer {
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixels[y * width + x]!, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
