import { escapeXml } from '../xml/escape';
import { textWidth, wrapText } from './measure';
import { qrPath } from './qr';

/** Everything a poster says, already in the reader's language (the builder knows no language). */
export interface PosterContent {
	caseUrl: string;
	resolved: boolean;
	/** "寻找 王浩然" or, once found, "已找到 FOUND". */
	headline: string;
	name: string;
	/** Facts as label + value, in order: age, height, clothing, last seen … */
	facts: Array<[string, string]>;
	/** "拨打 110 报告线索". */
	hotline: string;
	/** "扫码查看最新消息". */
	scanHint: string;
	/** A data: URI, so the SVG stands alone when saved or shared; null once found or when there is none. */
	photo: string | null;
}

const WIDTH = 1080;
const HEIGHT = 1920;
const MARGIN = 90;
const HEADER = 200;
const FOOTER_TOP = 1480;
/** The QR code sits at the footer's right; the footer's texts keep left of it. */
const QR = { x: 700, y: 1500, size: 340 };
const FOOTER_TEXT_WIDTH = QR.x - 60 - 30;
const PHOTO = { max: 760, min: 420, width: 700 };
/** Fact sizes tried in turn until everything fits above the footer; a fact wraps to at most 4 lines. */
const FACT_SIZES = [44, 40, 36, 32];
const FACT_LINES = 4;
/** Line pitch in em: Noto Sans CJK's ascent + descent is 1.45 em, so lines' boxes never overlap. */
const LEADING = 1.45;
/** From a line's top to its baseline (the font's ascent, in em). */
const ASCENT = 1.16;

// The one XML 1.0 escape (src/lib/xml): drops what XML cannot carry, e.g. a surrogate pair halved by `wrap`.
export { escapeXml };

/** The largest size ≤ `size` (down to `min`) at which `text` is one line of at most `width`. */
function fitSize(text: string, width: number, size: number, min: number, bold = true): number {
	const measured = textWidth(text, size, bold);
	return measured <= width ? size : Math.max(min, Math.floor((size * width) / measured));
}

interface FactLine {
	label: string | null;
	text: string;
	x: number;
}

/** Each fact as lines: the bold label, then its value wrapped in the width left of it (hanging indent). */
function factLines(facts: Array<[string, string]>, size: number): FactLine[] {
	const out: FactLine[] = [];
	for (const [label, value] of facts) {
		const head = `${label}：`;
		const labelWidth = textWidth(head, size, true);
		const valueX = MARGIN + labelWidth;
		const lines = wrapText(value, WIDTH - MARGIN - valueX, size, FACT_LINES);
		for (const [i, text] of lines.entries())
			out.push({ label: i === 0 ? head : null, text, x: i === 0 ? MARGIN : valueX });
	}
	return out;
}

interface Layout {
	factSize: number;
	lines: FactLine[];
	photoHeight: number;
}

/**
 * Sizes the photo and the facts so that both fit between the header and the footer: the facts keep their
 * largest size while the photo can shrink to PHOTO.min; past that the facts get smaller; at the smallest the
 * photo takes whatever is left (none below 200 px).
 */
function layOut(p: PosterContent, nameHeight: number): Layout {
	const room = FOOTER_TOP - 40 - HEADER - 40 - nameHeight;
	let last: Layout | null = null;
	for (const factSize of FACT_SIZES) {
		const lines = factLines(p.facts, factSize);
		const factsHeight = lines.length * factSize * LEADING;
		const photoRoom = room - factsHeight - (p.photo ? 40 : 0);
		last = { factSize, lines, photoHeight: p.photo ? Math.min(PHOTO.max, photoRoom) : 0 };
		if (!p.photo ? photoRoom >= 0 : photoRoom >= PHOTO.min) return last;
	}
	const fallback = last!;
	if (fallback.photoHeight < 200) fallback.photoHeight = 0;
	// Still too many lines for the room: keep the first ones (the place name wraps at most FACT_LINES).
	const fit = Math.floor((room - fallback.photoHeight) / (fallback.factSize * LEADING));
	fallback.lines = fallback.lines.slice(0, Math.max(0, fit));
	return fallback;
}

function text(x: number, y: number, size: number, body: string, attrs = ''): string {
	return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}"${attrs}>${body}</text>`;
}

/** The grey footer: the hotline and the scan hint, wrapped left of the QR code, and the QR code. */
function footer(p: PosterContent, colour: string): string[] {
	const hotlineSize = fitSize(p.hotline, FOOTER_TEXT_WIDTH, 54, 40);
	const hotline = wrapText(p.hotline, FOOTER_TEXT_WIDTH, hotlineSize, 2, true);
	const hint = wrapText(p.scanHint, FOOTER_TEXT_WIDTH, 38, 3);
	const qr = qrPath(p.caseUrl);
	const out = [
		`<rect data-part="footer" x="0" y="${FOOTER_TOP}" width="${WIDTH}" height="${HEIGHT - FOOTER_TOP}" fill="#f5f5f7"/>`
	];
	let y = FOOTER_TOP + 40;
	for (const line of hotline) {
		out.push(
			text(60, y + hotlineSize * ASCENT, hotlineSize, escapeXml(line), ` font-weight="700" fill="${colour}"`)
		);
		y += hotlineSize * LEADING;
	}
	y += 20;
	for (const line of hint) {
		out.push(text(60, y + 38 * ASCENT, 38, escapeXml(line), ' fill="#1d1d1f"'));
		y += 38 * LEADING;
	}
	out.push(
		`<svg data-part="qr" x="${QR.x}" y="${QR.y}" width="${QR.size}" height="${QR.size}" viewBox="0 0 ${qr.viewBox} ${qr.viewBox}" shape-rendering="crispEdges"><rect width="${qr.viewBox}" height="${qr.viewBox}" fill="#fff"/><path d="${qr.d}" fill="#000"/></svg>`
	);
	return out;
}

/**
 * A phone-sized (1080 × 1920) poster of a case as a standalone SVG: photo (embedded), name, facts, the hotline
 * and a QR code to the live case page. Once resolved it says so and carries no photo. Every line is measured
 * (./measure.ts) and placed from the top down, so no fact runs under the footer or off the poster.
 */
export function posterSvg(p: PosterContent): string {
	const colour = p.resolved ? '#1e6b3a' : '#b3203a';
	const headlineSize = fitSize(p.headline, WIDTH - 2 * 60, 92, 48);
	const nameSize = fitSize(p.name, WIDTH - 2 * MARGIN, 84, 48);
	const nameHeight = nameSize * LEADING;
	const { factSize, lines, photoHeight } = layOut(p, nameHeight);

	let y = HEADER + 40;
	const body: string[] = [];
	if (photoHeight) {
		const photoWidth = Math.min(PHOTO.width, Math.round((photoHeight * PHOTO.width) / PHOTO.max));
		body.push(
			`<image href="${escapeXml(p.photo!)}" x="${(WIDTH - photoWidth) / 2}" y="${y}" width="${photoWidth}" height="${photoHeight}" preserveAspectRatio="xMidYMid slice"/>`
		);
		y += photoHeight + 40;
	}
	body.push(
		text(
			WIDTH / 2,
			y + nameSize * ASCENT,
			nameSize,
			escapeXml(p.name),
			' text-anchor="middle" font-weight="700" fill="#1d1d1f"'
		)
	);
	y += nameHeight;
	for (const line of lines) {
		const label = line.label ? `<tspan font-weight="700">${escapeXml(line.label)}</tspan>` : '';
		body.push(
			text(
				line.x,
				y + factSize * ASCENT,
				factSize,
				label + escapeXml(line.text),
				' data-part="fact" fill="#1d1d1f"'
			)
		);
		y += factSize * LEADING;
	}
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">`,
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
		`<rect width="${WIDTH}" height="${HEADER}" fill="${colour}"/>`,
		text(
			WIDTH / 2,
			100 + headlineSize * 0.35,
			headlineSize,
			escapeXml(p.headline),
			' text-anchor="middle" font-weight="700" fill="#fff"'
		),
		...body,
		...footer(p, colour),
		`</svg>`
	].join('');
}
