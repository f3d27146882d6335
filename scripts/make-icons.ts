/**
 * Writes the PWA icons into client/public: a blue tile with a white "F", drawn pixel by pixel
 * and encoded as PNG with zlib, so no image tool is needed. Run: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = path.resolve(import.meta.dirname, '../client/public');
const BLUE = [31, 79, 209] as const;
const WHITE = [255, 255, 255] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Inside the letter F, in unit coordinates of the glyph box. */
function inF(x: number, y: number): boolean {
  const stem = x >= 0.3 && x < 0.44 && y >= 0.22 && y < 0.78;
  const top = x >= 0.3 && x < 0.72 && y >= 0.22 && y < 0.35;
  const mid = x >= 0.3 && x < 0.64 && y >= 0.45 && y < 0.57;
  return stem || top || mid;
}

function png(size: number, opts: { readonly maskable: boolean }): Buffer {
  const radius = opts.maskable ? 0 : size * 0.2;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const cx = Math.min(x, size - 1 - x);
      const cy = Math.min(y, size - 1 - y);
      const corner = cx < radius && cy < radius && Math.hypot(radius - cx, radius - cy) > radius;
      // A maskable icon keeps its glyph inside the central 80% safe zone.
      const scale = opts.maskable ? 0.8 : 1;
      const u = (x / size - 0.5) / scale + 0.5;
      const v = (y / size - 0.5) / scale + 0.5;
      const colour = inF(u, v) ? WHITE : BLUE;
      row.set([...colour, corner ? 0 : 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  const idat = deflateSync(Buffer.concat(rows), { level: 9 });
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="20" fill="rgb(${BLUE.join(',')})"/>
<path d="M30 22h42v13H44v10h20v12H44v21H30z" fill="#fff"/>
</svg>
`;

writeFileSync(path.join(OUT, 'icon-192.png'), png(192, { maskable: false }));
writeFileSync(path.join(OUT, 'icon-512.png'), png(512, { maskable: false }));
writeFileSync(path.join(OUT, 'icon-maskable-512.png'), png(512, { maskable: true }));
writeFileSync(path.join(OUT, 'apple-touch-icon.png'), png(180, { maskable: true }));
writeFileSync(path.join(OUT, 'icon.svg'), SVG);
console.log(`icons written to ${OUT}`);
