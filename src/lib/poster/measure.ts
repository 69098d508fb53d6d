// A Worker has no canvas to measure text with, so the phone poster is laid out from advance widths per
// character class, taken from Noto Sans CJK SC (the first font the poster asks for) and rounded UP: a viewer
// that falls back to another font may draw a little narrower than we planned, never wider than the margins.

/** CJK ideographs, kana, hangul, CJK punctuation and full-width forms: one em each. */
const FULL_WIDTH =
	/[\u1100-\u115f\u2e80-\u303f\u3040-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const NARROW = new Set([...` il.,:;|!'"\`·`]);
const SEMI = new Set([...'fjtrI()[]{}/\\-']);
const WIDE = new Set([...'mwMW@%']);

/** Advance of one character in em (1 em = the font size). */
function advance(ch: string): number {
	if (FULL_WIDTH.test(ch)) return 1;
	if (NARROW.has(ch)) return 0.3;
	if (SEMI.has(ch)) return 0.38;
	if (WIDE.has(ch)) return 0.92;
	if (/[0-9]/.test(ch)) return 0.58;
	if (/[A-Z]/.test(ch)) return 0.7;
	// Lower-case Latin and anything unknown (emoji, other scripts) err on the wide side.
	return /[a-z]/.test(ch) ? 0.6 : 1;
}

/** The width `text` takes at `size` px (bold glyphs are about 6 % wider). */
export function textWidth(text: string, size: number, bold = false): number {
	let em = 0;
	for (const ch of text) em += advance(ch);
	return em * size * (bold ? 1.06 : 1);
}

/** Words to break between: each full-width character is one, a run of other characters is one, spaces too. */
function tokens(text: string): string[] {
	return (
		text.match(new RegExp(`${FULL_WIDTH.source}|\\s+|[^\\s${FULL_WIDTH.source.slice(1, -1)}]+`, 'gu')) ?? []
	);
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth` at `size` px: CJK between any two
 * characters, Latin at spaces (a word longer than a line between its letters); an ellipsis ends the last line
 * when the text does not fit.
 */
export function wrapText(
	text: string,
	maxWidth: number,
	size: number,
	maxLines: number,
	bold = false
): string[] {
	const fits = (line: string) => textWidth(line, size, bold) <= maxWidth;
	const lines: string[] = [];
	let line = '';
	const queue = tokens(text.trim());
	while (queue.length) {
		const token = queue.shift()!;
		if (fits(line + token)) {
			line += token;
			continue;
		}
		if (/^\s+$/.test(token)) {
			lines.push(line);
			line = '';
		} else if (line.trim() === '') {
			// A word wider than a whole line: break it between characters.
			const chars = [...token];
			let head = '';
			while (chars.length && fits(line + head + chars[0])) head += chars.shift();
			if (!head) head = chars.shift() ?? '';
			lines.push((line + head).trimEnd());
			line = '';
			if (chars.length) queue.unshift(chars.join(''));
		} else {
			lines.push(line.trimEnd());
			line = '';
			queue.unshift(token);
		}
		if (lines.length === maxLines) break;
	}
	if (lines.length < maxLines && line.trim()) lines.push(line.trimEnd());
	else if (line.trim() || queue.length) {
		let last = lines.pop() ?? '';
		while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
		lines.push(`${last.trimEnd()}…`);
	}
	return lines.filter((l) => l !== '');
}
