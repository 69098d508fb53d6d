// Glyph PBFs for MapLibre text, made at build time from Noto Sans (SIL OFL 1.1, npm `@fontsource/noto-sans`):
// the map's Latin labels then need no font server. Chinese is not in these files on purpose: MapLibre draws CJK
// with the device's own fonts (`localIdeographFontFamily`), which every phone that reads Chinese has.
//
// The format is MapLibre's (and node-fontnik's): per 256-codepoint range one protobuf of glyphs, each a signed
// distance field 24 px high with a 3 px border, 8 px of distance per 255/8 steps, the edge at value 192 — the
// same numbers as MapLibre's own TinySDF. Distances are computed exactly from the outline (flattened to
// segments), so no canvas is needed in Node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import { PbfWriter as Pbf } from 'pbf';

const require = createRequire(import.meta.url);

const SIZE = 24;
const BUFFER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
/**
 * Server glyphs place `top` relative to an origin above the em box; MapLibre lines its own TinySDF glyphs up with
 * such fonts by subtracting 27.5 from the height above the baseline (glyph_manager.ts, `topAdjustment`).
 */
const TOP_ADJUSTMENT = 27;

/** The font stacks MapLibre styles ask for (also @protomaps/basemaps' names), each from its Noto Sans files. */
export const FONT_STACKS = {
	'Noto Sans Regular': ['latin-400-normal', 'latin-ext-400-normal'],
	'Noto Sans Medium': ['latin-500-normal', 'latin-ext-500-normal'],
	'Noto Sans Italic': ['latin-400-italic', 'latin-ext-400-italic'],
	// Named by @protomaps/basemaps for Hindi labels on the street map: written empty (Devanagari is not drawn),
	// so such a label costs an empty answer rather than a 404 and an error.
	'Noto Sans Devanagari Regular v1': []
};

function loadFont(file) {
	const bytes = readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${file}.woff`));
	return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Curves become short segments: at 24 px, eight steps per curve are well under a tenth of a pixel off. */
function segmentsOf(path) {
	const segments = [];
	let start = null;
	let at = null;
	const line = (to) => {
		segments.push([at[0], at[1], to[0], to[1]]);
		at = to;
	};
	for (const c of path.commands) {
		if (c.type === 'M') start = at = [c.x, c.y];
		else if (c.type === 'L') line([c.x, c.y]);
		else if (c.type === 'Q' || c.type === 'C') {
			const from = at;
			for (let i = 1; i <= 8; i++) {
				const t = i / 8;
				const u = 1 - t;
				if (c.type === 'Q') {
					line([
						u * u * from[0] + 2 * u * t * c.x1 + t * t * c.x,
						u * u * from[1] + 2 * u * t * c.y1 + t * t * c.y
					]);
				} else {
					line([
						u * u * u * from[0] + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
						u * u * u * from[1] + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y
					]);
				}
			}
		} else if (c.type === 'Z' && start && at && (at[0] !== start[0] || at[1] !== start[1])) line(start);
	}
	return segments;
}

/** Squared distance from a point to the nearest segment, skipping segments whose box is farther than the best so far. */
function nearestSquared(px, py, segs, boxes) {
	let best = Infinity;
	for (let k = 0; k < segs.length; k += 4) {
		const bx = px < boxes[k] ? boxes[k] - px : px > boxes[k + 2] ? px - boxes[k + 2] : 0;
		const by = py < boxes[k + 1] ? boxes[k + 1] - py : py > boxes[k + 3] ? py - boxes[k + 3] : 0;
		if (bx * bx + by * by >= best) continue;
		const ax = segs[k];
		const ay = segs[k + 1];
		const dx = segs[k + 2] - ax;
		const dy = segs[k + 3] - ay;
		const len2 = dx * dx + dy * dy;
		const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
		const ex = px - (ax + t * dx);
		const ey = py - (ay + t * dy);
		const d2 = ex * ex + ey * ey;
		if (d2 < best) best = d2;
	}
	return best;
}

/** Non-zero winding along one row: the x of every crossing with its direction, sorted. */
function rowCrossings(py, segments) {
	const crossings = [];
	for (const [ax, ay, bx, by] of segments) {
		if (ay <= py && by > py) crossings.push([ax + ((py - ay) / (by - ay)) * (bx - ax), 1]);
		else if (by <= py && ay > py) crossings.push([ax + ((py - ay) / (by - ay)) * (bx - ax), -1]);
	}
	return crossings.sort((a, b) => a[0] - b[0]);
}

/** One glyph as MapLibre reads it: metrics in pixels at 24 px and an SDF bitmap of (width+6) × (height+6). */
export function renderGlyph(font, glyph, codepoint) {
	const scale = SIZE / font.unitsPerEm;
	const advance = Math.round(glyph.advanceWidth * scale);
	// opentype.js draws with y growing downwards and the baseline at 0.
	const path = glyph.getPath(0, 0, SIZE);
	const segments = segmentsOf(path);
	if (!segments.length) return { id: codepoint, width: 0, height: 0, left: 0, top: -TOP_ADJUSTMENT, advance };
	const box = path.getBoundingBox();
	const left = Math.floor(box.x1);
	const topY = Math.floor(box.y1);
	const width = Math.ceil(box.x2) - left;
	const height = Math.ceil(box.y2) - topY;
	const w = width + 2 * BUFFER;
	const h = height + 2 * BUFFER;
	const bitmap = new Uint8Array(w * h);
	const segs = Float64Array.from(segments.flat());
	const boxes = Float64Array.from(
		segments.flatMap(([ax, ay, bx, by]) => [
			Math.min(ax, bx),
			Math.min(ay, by),
			Math.max(ax, bx),
			Math.max(ay, by)
		])
	);
	for (let j = 0; j < h; j++) {
		const py = topY - BUFFER + j + 0.5;
		const crossings = rowCrossings(py, segments);
		let next = 0;
		let winding = 0;
		for (let i = 0; i < w; i++) {
			const px = left - BUFFER + i + 0.5;
			while (next < crossings.length && crossings[next][0] <= px) winding += crossings[next++][1];
			const d = Math.sqrt(nearestSquared(px, py, segs, boxes));
			const signed = winding !== 0 ? -d : d;
			bitmap[j * w + i] = Math.max(0, Math.min(255, Math.round(255 - 255 * (signed / RADIUS + CUTOFF))));
		}
	}
	return { id: codepoint, bitmap, width, height, left, top: -topY - TOP_ADJUSTMENT, advance };
}

function writeGlyph(g, pbf) {
	pbf.writeVarintField(1, g.id);
	if (g.bitmap) pbf.writeBytesField(2, g.bitmap);
	pbf.writeVarintField(3, g.width);
	pbf.writeVarintField(4, g.height);
	pbf.writeSVarintField(5, g.left);
	pbf.writeSVarintField(6, g.top);
	pbf.writeVarintField(7, g.advance);
}

/** glyphs { stacks: fontstack { name, range, glyphs } } — the protobuf MapLibre's parseGlyphPbf reads. */
export function encodeRange(name, start, glyphs) {
	const pbf = new Pbf();
	pbf.writeMessage(1, (_, p) => {
		p.writeStringField(1, name);
		p.writeStringField(2, `${start}-${start + 255}`);
		for (const g of glyphs) p.writeMessage(3, writeGlyph, g);
	});
	return pbf.finish();
}

/** The ranges drawn: Latin, Latin-1, Latin Extended A/B, IPA and combining marks, Latin Extended Additional
 * (Vietnamese), punctuation. Labels here are pinyin and place names in Latin letters; the rest stays empty. */
const DRAWN_RANGES = new Set([0, 256, 512, 768, 7680, 8192]);

/**
 * Every range 0–65535 of every stack: `{ stack, start, bytes, count }`. Ranges the fonts do not cover are written
 * empty, so a label in another script costs MapLibre an empty answer rather than a 404 and an error.
 */
export function buildGlyphs() {
	const out = [];
	for (const [stack, files] of Object.entries(FONT_STACKS)) {
		const fonts = files.map(loadFont);
		for (let start = 0; start < 65_536; start += 256) {
			const glyphs = [];
			for (let cp = start; DRAWN_RANGES.has(start) && cp < start + 256; cp++) {
				// Surrogates and noncharacters have no glyph; the first font that has one wins (Latin, then extended).
				if (cp >= 0xd800 && cp <= 0xdfff) continue;
				const font = fonts.find((f) => f.charToGlyphIndex(String.fromCharCode(cp)) > 0);
				if (!font) continue;
				glyphs.push(renderGlyph(font, font.charToGlyph(String.fromCharCode(cp)), cp));
			}
			out.push({ stack, start, bytes: encodeRange(stack, start, glyphs), count: glyphs.length });
		}
	}
	return out;
}
