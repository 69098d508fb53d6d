import { describe, expect, it } from 'vitest';
import { ImageError, inspectImage } from './inspect';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('inspectImage', () => {
	it('reads a PNG’s size from its IHDR', () => {
		const bytes = new Uint8Array(24);
		bytes.set(PNG_SIGNATURE);
		bytes.set(ascii('IHDR'), 12);
		new DataView(bytes.buffer).setUint32(16, 640);
		new DataView(bytes.buffer).setUint32(20, 480);
		expect(inspectImage(bytes)).toEqual({ type: 'image/png', width: 640, height: 480 });
	});

	it.each([
		['a PNG signature alone', new Uint8Array(PNG_SIGNATURE)],
		[
			'a WebP header cut before its VP8X size',
			new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8X')])
		],
		[
			'a JPEG that ends before any frame header',
			new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x00, 0x02])
		]
	])('refuses %s as a broken image, not a crash', (_name, bytes) => {
		expect(() => inspectImage(bytes)).toThrow(ImageError);
	});
});

/** A marker segment with its length (T.81 B.1.1.4). */
function segment(marker: number, payload: number[] = []): number[] {
	const length = payload.length + 2;
	return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

function sof(width: number, height: number): number[] {
	return segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
}

/** Scan header, entropy-coded data with a stuffed 0xFF00 and a restart marker, then EOI. */
const SCAN_TO_END = [
	...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
	0x12,
	0xff,
	0x00,
	0x34,
	0xff,
	0xd0,
	0x56,
	0xff,
	0xd9
];

describe('the JPEG marker walk, as decoders do it', () => {
	it('skips 0xFF fill bytes: a fill byte after SOI cannot hide the real frame behind a fake one', () => {
		// The old walk read the fill byte as a marker and FE 00 as a 65,024-byte length, landing on a fake
		// 100 × 100 frame placed there after the image; decoders see a comment, then the 20000 × 20000 frame.
		const image = [0xff, 0xd8, 0xff, ...segment(0xfe, [0, 0]), ...sof(20000, 20000), ...SCAN_TO_END];
		const bytes = new Uint8Array(2 + 2 + 0xfe00 + 32);
		bytes.set(image);
		bytes.set(sof(100, 100), 2 + 2 + 0xfe00);
		expect(inspectImage(bytes)).toEqual({ type: 'image/jpeg', width: 20000, height: 20000 });
	});

	it('reads standalone markers (TEM, RSTn) without a length, and fill bytes before any marker', () => {
		const bytes = new Uint8Array([
			0xff,
			0xd8,
			0xff,
			0x01,
			0xff,
			0xff,
			0xff,
			...segment(0xdb, new Array(65).fill(0)),
			0xff,
			0xd3,
			...sof(640, 480),
			...SCAN_TO_END
		]);
		expect(inspectImage(bytes)).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
	});

	it.each([
		['frames that disagree on the size', [...sof(100, 100), ...sof(20000, 20000)]],
		['a scan before any frame', []],
		['a stray 0xFF00 between segments', [0xff, 0x00, ...sof(100, 100)]]
	])('refuses %s', (_name, middle) => {
		const bytes = new Uint8Array([0xff, 0xd8, ...middle, ...SCAN_TO_END]);
		expect(() => inspectImage(bytes)).toThrow(ImageError);
	});

	it('refuses a JPEG without an end marker', () => {
		const bytes = new Uint8Array([0xff, 0xd8, ...sof(100, 100), ...SCAN_TO_END.slice(0, -2)]);
		expect(() => inspectImage(bytes)).toThrow(ImageError);
	});
});

describe('PNG headers', () => {
	function png(width: number, height: number, first = 'IHDR'): Uint8Array {
		const bytes = new Uint8Array(33);
		bytes.set(PNG_SIGNATURE);
		new DataView(bytes.buffer).setUint32(8, 13);
		bytes.set(ascii(first), 12);
		new DataView(bytes.buffer).setUint32(16, width);
		new DataView(bytes.buffer).setUint32(20, height);
		return bytes;
	}

	it('reports a bomb’s IHDR size as it is, for the size limit to refuse', () => {
		expect(inspectImage(png(100_000, 100_000))).toEqual({
			type: 'image/png',
			width: 100_000,
			height: 100_000
		});
	});

	it('refuses a PNG whose first chunk is not IHDR', () => {
		expect(() => inspectImage(png(100, 100, 'tEXt'))).toThrow(ImageError);
	});
});
