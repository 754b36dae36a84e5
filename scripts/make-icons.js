/**
 * Draws the Funding Toolkit icon at every size the manifest needs and writes assets/icon-N.png.
 * The artwork: a rounded teal tile holding a pie of the funding mix -- shopping, investing,
 * giving -- in three tones with thin gaps between the slices. Rendered with 8x8 supersampling
 * and written as PNG with Node's zlib, so no image tools are needed. Run: node scripts/make-icons.js
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const TILE = [11, 106, 94]; // #0B6A5E
const SLICES = [
  { share: 0.5, colour: [255, 255, 255] }, // shopping
  { share: 0.3, colour: [167, 227, 214] }, // investing
  { share: 0.2, colour: [242, 193, 78] }, // giving
];

function insideRoundedRect(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Colour (with alpha) of the point (x, y) in the unit square. */
function sample(x, y, size) {
  if (!insideRoundedRect(x, y, 0.2)) return null;
  const dx = x - 0.5;
  const dy = y - 0.5;
  const d = Math.hypot(dx, dy);
  const radius = 0.34;
  if (d > radius) return TILE;
  // Angle clockwise from 12 o'clock, 0..1.
  let a = Math.atan2(dx, -dy) / (2 * Math.PI);
  if (a < 0) a += 1;
  const gap = size >= 32 ? 0.012 : 0; // slice gaps only where they can be seen
  let start = 0;
  for (const s of SLICES) {
    const end = start + s.share;
    if (a >= start && a < end) {
      // distance of the point from the slice edges, along the arc
      const edge = Math.min(a - start, end - a) * 2 * Math.PI * d;
      if (edge < gap && d > 0.02) return TILE;
      return s.colour;
    }
    start = end;
  }
  return TILE;
}

function render(size) {
  const ss = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        n = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            n++;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (n > 0) {
        rgba[i] = Math.round(r / n);
        rgba[i + 1] = Math.round(g / n);
        rgba[i + 2] = Math.round(b / n);
      }
      rgba[i + 3] = Math.round((255 * n) / (ss * ss));
    }
  }
  return rgba;
}

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const out = path.resolve(__dirname, "../assets");
  fs.mkdirSync(out, { recursive: true });
  for (const s of SIZES) {
    fs.writeFileSync(path.join(out, `icon-${s}.png`), png(s, render(s)));
    console.log(`assets/icon-${s}.png`);
  }
}

module.exports = { render, png, SIZES };
