import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from './measure';
import { escapeXml, posterSvg, type PosterContent } from './poster-svg';
import { qrMatrix } from './qr';

const URL_ = 'https://reunion.example/cases/c-123';

/** Paints the QR matrix into RGBA pixels (4 px per module, quiet zone included) for a real decoder to read. */
function rasterise(text: string): { data: Uint8ClampedArray; width: number } {
	const { size, dark } = qrMatrix(text);
	const scale = 4;
	const width = (size + 8) * scale;
	const data = new Uint8ClampedArray(width * width * 4).fill(255);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++)
			if (dark(x, y))
				for (let dy = 0; dy < scale; dy++)
					for (let dx = 0; dx < scale; dx++) {
						const i = (((y + 4) * scale + dy) * width + (x + 4) * scale + dx) * 4;
						data.set([0, 0, 0, 255], i);
					}
	return { data, width };
}

const content = (overrides: Partial<PosterContent> = {}): PosterContent => ({
	caseUrl: URL_,
	resolved: false,
	headline: '寻找失踪儿童',
	name: '王浩然',
	facts: [
		['年龄', '7 岁'],
		['衣着', '红色外套 & 蓝色书包 <很显眼>']
	],
	hotline: '拨打 110 报告线索',
	scanHint: '扫码查看最新消息',
	photo: 'data:image/jpeg;base64,AAAA',
	...overrides
});

describe('poster QR code', () => {
	it('decodes to the case URL', () => {
		const { data, width } = rasterise(URL_);
		expect(jsQR(data, width, width)?.data).toBe(URL_);
	});
});

describe('posterSvg', () => {
	it('carries the photo, name, facts (escaped), hotline and the QR path', () => {
		const svg = posterSvg(content());
		expect(svg).toContain('<image href="data:image/jpeg;base64,AAAA"');
		expect(svg).toContain('王浩然');
		expect(svg).toContain('红色外套 &amp; 蓝色书包 &lt;很显眼&gt;');
		expect(svg).toContain('拨打 110 报告线索');
		expect(svg).toMatch(/<path d="M4 4h7v1h-7z/); // the top-left finder pattern's first row
		expect(svg).not.toContain('<很显眼>');
	});

	it('once found, drops the photo and turns green', () => {
		const svg = posterSvg(content({ resolved: true, photo: null, headline: '已找到 FOUND' }));
		expect(svg).not.toContain('<image');
		expect(svg).toContain('已找到 FOUND');
		expect(svg).toContain('#1e6b3a');
	});
});

describe('helpers', () => {
	it('escapes every XML special character', () => {
		expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
	});

	it('wraps CJK by characters and Latin at spaces by measured width, with an ellipsis past the last line', () => {
		expect(wrapText('一二三四五六七八九十', 4 * 44, 44, 2)).toEqual(['一二三四', '五六七…']);
		expect(wrapText('red coat and blue bag', textWidth('red coat a', 40), 40, 2)).toEqual([
			'red coat',
			'and blu…'
		]);
		expect(wrapText('short', 400, 40, 2)).toEqual(['short']);
		expect(wrapText('Supercalifragilistic word', 300, 40, 3)).toEqual(['Supercalifragil', 'istic word']);
	});

	it('never lays a line out wider than it was given', () => {
		const place =
			'内蒙古自治区呼和浩特市新城区 成吉思汗大街与兴安北路交叉口东北角 Wanda Plaza north gate bus stop';
		for (const width of [200, 333, 610, 900])
			for (const line of wrapText(place, width, 44, 9))
				expect(textWidth(line, 44)).toBeLessThanOrEqual(width);
	});
});

// Issue 18's probe: a name holding U+FFFF made /cases/:id/poster.svg ill-formed XML.
describe('XML 1.0 well-formedness', () => {
	async function wellFormed(xml: string): Promise<string[]> {
		const { validateXML } = await import('xmllint-wasm');
		// No schema: xmllint then checks well-formedness alone (its types ask for one of schema or normalization).
		const result = await validateXML({
			xml: [{ fileName: 'poster.svg', contents: xml }],
			normalization: 'format'
		});
		return result.errors.map((error) => error.rawMessage);
	}

	it('holds for names and facts with noncharacters, lone surrogates and controls (old rows, cut text)', async () => {
		const svg = posterSvg(
			content({
				name: '王\uFFFF浩\uFFFE然\u0001',
				// 40 astral characters: wrap() cuts the last line by UTF-16 units, in the middle of a pair.
				facts: [['衣着', '𠮷'.repeat(40) + '\uD800']]
			})
		);
		expect(await wellFormed(svg)).toEqual([]);
		expect(svg).toContain('王浩然');
	});

	it('escapes markup with the shared escape', () => {
		expect(escapeXml('<x a="1">&\'\uFFFF')).toBe('&lt;x a=&quot;1&quot;&gt;&amp;&apos;');
	});
});
