#!/usr/bin/env node
// Draws the app icons (committed output; rerun after changing the design): a roof over a heart — home, family
// together, 团圆 — in white on a warm red. Rasterised from signed distance functions with a tiny PNG encoder so
// the script needs nothing beyond Node. The SVG versions are written from the same geometry.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Theme colour (as in app.html and the manifest): white on it has a contrast of 6.6:1 (WCAG AA for text). */
export const THEME = '#b3203a';
const WHITE = [255, 255, 255];

// The mark, in a unit square (y down). Kept within 0.345 of the centre so it fits the maskable safe circle (0.4).
const ROOF = {
	points: [
		[0.2, 0.47],
		[0.5, 0.2],
		[0.8, 0.47]
	],
	width: 0.085
};
/** Heart built from two straight edges and two semicircles: tip, then half-width 0.5·s and height ≈ 1.1·s. */
const HEART = { tipX: 0.5, tipY: 0.82, size: 0.35 };
const CORNER = 0.22;

// --- PNG ---------------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const out = Buffer.alloc(body.length + 8);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeUInt32BE(crc32(body), body.length + 4);
	return out;
}

/** Encodes 8-bit RGBA pixels (row-major) as a PNG; filter type 0 on every row is plenty for flat art. */
export function encodePng(width, height, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 6, 0, 0, 0], 8);
	const raw = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (width * 4 + 1)] = 0;
		rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

// --- Signed distances (negative inside) --------------------------------------------------------------------

function sdSegment(px, py, [ax, ay], [bx, by]) {
	const dx = bx - ax;
	const dy = by - ay;
	const h = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(px - ax - h * dx, py - ay - h * dy);
}

function sdRoof(px, py) {
	const [a, b, c] = ROOF.points;
	return Math.min(sdSegment(px, py, a, b), sdSegment(px, py, b, c)) - ROOF.width / 2;
}

/** Inigo Quilez's exact heart SDF, in heart units with the tip at the origin and y up. */
function sdHeart(px, py) {
	const s = HEART.size;
	const x = Math.abs(px - HEART.tipX) / s;
	const y = (HEART.tipY - py) / s;
	if (x + y > 1) return (Math.hypot(x - 0.25, y - 0.75) - Math.SQRT2 / 4) * s;
	const m = 0.5 * Math.max(x + y, 0);
	const d = Math.sqrt(Math.min(x * x + (y - 1) ** 2, (x - m) ** 2 + (y - m) ** 2));
	return d * Math.sign(x - y) * s;
}

function sdRoundedSquare(px, py, r) {
	const qx = Math.abs(px - 0.5) - 0.5 + r;
	const qy = Math.abs(py - 0.5) - 0.5 + r;
	return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const coverage = (d, pixel) => Math.max(0, Math.min(1, 0.5 - d / pixel));

function hex(colour) {
	return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
}

/**
 * @param {number} size pixels
 * @param {{ background: 'rounded' | 'full' | 'none', scale?: number }} options scale shrinks the mark about
 *   the centre (maskable icons keep it well inside the safe zone)
 */
function render(size, { background, scale = 1 }) {
	const rgba = Buffer.alloc(size * size * 4);
	const bg = hex(THEME);
	const unit = 1 / size;
	for (let j = 0; j < size; j++) {
		for (let i = 0; i < size; i++) {
			const u = (i + 0.5) * unit;
			const v = (j + 0.5) * unit;
			const mu = (u - 0.5) / scale + 0.5;
			const mv = (v - 0.5) / scale + 0.5;
			const mark = coverage(Math.min(sdRoof(mu, mv), sdHeart(mu, mv)) * scale, unit);
			const back =
				background === 'full'
					? 1
					: background === 'rounded'
						? coverage(sdRoundedSquare(u, v, CORNER), unit)
						: 0;
			const o = (j * size + i) * 4;
			if (background === 'none') {
				rgba.set([...WHITE, Math.round(mark * 255)], o);
			} else {
				// The mark sits inside the background, so its colour is a plain mix and alpha is the background's.
				for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(bg[k] + (WHITE[k] - bg[k]) * mark);
				rgba[o + 3] = Math.round(back * 255);
			}
		}
	}
	return encodePng(size, size, rgba);
}

function svg(size) {
	const n = (v) => +(v * size).toFixed(1);
	const [a, b, c] = ROOF.points;
	const s = HEART.size;
	const r = n((Math.SQRT2 / 4) * s);
	const tx = n(HEART.tipX);
	const ty = n(HEART.tipY);
	const heart =
		`M${tx} ${ty}L${n(HEART.tipX + s / 2)} ${n(HEART.tipY - s / 2)}` +
		`A${r} ${r} 0 0 0 ${tx} ${n(HEART.tipY - s)}A${r} ${r} 0 0 0 ${n(HEART.tipX - s / 2)} ${n(HEART.tipY - s / 2)}Z`;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">` +
		`<rect width="${size}" height="${size}" rx="${n(CORNER)}" fill="${THEME}"/>` +
		`<path d="M${n(a[0])} ${n(a[1])}L${n(b[0])} ${n(b[1])}L${n(c[0])} ${n(c[1])}" fill="none" stroke="#fff" ` +
		`stroke-width="${n(ROOF.width)}" stroke-linecap="round" stroke-linejoin="round"/>` +
		`<path d="${heart}" fill="#fff"/></svg>\n`
	);
}

const outputs = {
	'static/icons/icon-192.png': () => render(192, { background: 'rounded' }),
	'static/icons/icon-512.png': () => render(512, { background: 'rounded' }),
	'static/icons/maskable-512.png': () => render(512, { background: 'full', scale: 0.85 }),
	// iOS rounds the corners itself and shows transparency as black: fill the whole square.
	'static/icons/apple-touch-icon-180.png': () => render(180, { background: 'full' }),
	// Android draws notification badges as a white silhouette from the alpha channel only.
	'static/icons/badge-72.png': () => render(72, { background: 'none', scale: 1.3 }),
	'static/icons/icon.svg': () => svg(512),
	'static/favicon.svg': () => svg(64)
};

for (const [path, make] of Object.entries(outputs)) {
	const file = join(root, path);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, make());
}
console.log(`icons: ${Object.keys(outputs).join(', ')} (theme ${THEME})`);
