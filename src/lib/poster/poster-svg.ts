import { escapeXml } from '../xml/escape';
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

// The one XML 1.0 escape (src/lib/xml): drops what XML cannot carry, e.g. a surrogate pair halved by `wrap`.
export { escapeXml };

/** Breaks text into lines of at most `max` characters (CJK has no spaces to break at; Latin breaks at them). */
export function wrap(text: string, max: number, lines = 2): string[] {
	const out: string[] = [];
	let rest = [...text.trim()];
	while (rest.length && out.length < lines) {
		let cut = Math.min(max, rest.length);
		if (cut < rest.length) {
			const space = rest.slice(0, cut + 1).lastIndexOf(' ');
			if (space > max / 2) cut = space;
		}
		out.push(rest.slice(0, cut).join('').trim());
		rest = rest.slice(cut);
	}
	if (rest.length) out[out.length - 1] = `${out[out.length - 1]!.slice(0, max - 1)}…`;
	return out;
}

/**
 * A phone-sized (1080 × 1920) poster of a case as a standalone SVG: photo (embedded), name, facts, the hotline
 * and a QR code to the live case page. Once resolved it says so and carries no photo.
 */
export function posterSvg(p: PosterContent): string {
	const qr = qrPath(p.caseUrl);
	const colour = p.resolved ? '#1e6b3a' : '#b3203a';
	const photoTop = 240;
	const photoHeight = p.photo ? 760 : 0;
	let y = photoTop + photoHeight + (p.photo ? 110 : 60);
	const lines: string[] = [];
	lines.push(
		`<text x="540" y="${y}" text-anchor="middle" font-size="84" font-weight="700" fill="#1d1d1f">${escapeXml(p.name)}</text>`
	);
	y += 50;
	for (const [label, value] of p.facts) {
		for (const [i, line] of wrap(value, 22).entries()) {
			y += 58;
			lines.push(
				`<text x="90" y="${y}" font-size="44" fill="#1d1d1f">${i === 0 ? `<tspan font-weight="700">${escapeXml(label)}：</tspan>` : ''}${escapeXml(line)}</text>`
			);
		}
	}
	const photo = p.photo
		? `<image href="${escapeXml(p.photo)}" x="190" y="${photoTop}" width="700" height="${photoHeight}" preserveAspectRatio="xMidYMid slice"/>`
		: '';
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">`,
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
		`<rect width="${WIDTH}" height="200" fill="${colour}"/>`,
		`<text x="540" y="130" text-anchor="middle" font-size="92" font-weight="700" fill="#fff">${escapeXml(p.headline)}</text>`,
		photo,
		...lines,
		`<rect x="0" y="1480" width="${WIDTH}" height="440" fill="#f5f5f7"/>`,
		`<text x="60" y="1580" font-size="54" font-weight="700" fill="${colour}">${escapeXml(p.hotline)}</text>`,
		`<text x="60" y="1660" font-size="40" fill="#1d1d1f">${escapeXml(p.scanHint)}</text>`,
		`<svg x="700" y="1500" width="340" height="340" viewBox="0 0 ${qr.viewBox} ${qr.viewBox}" shape-rendering="crispEdges"><rect width="${qr.viewBox}" height="${qr.viewBox}" fill="#fff"/><path d="${qr.d}" fill="#000"/></svg>`,
		`</svg>`
	].join('');
}
