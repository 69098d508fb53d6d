import { describe, expect, it } from 'vitest';
import { inspectImage, sniffImageType } from './inspect';
import { stripMetadata } from './strip';

function chunk(name: string, data: Uint8Array): Uint8Array {
	const padded = new Uint8Array(8 + data.length + (data.length % 2));
	padded.set(new TextEncoder().encode(name));
	new DataView(padded.buffer).setUint32(4, data.length, true);
	padded.set(data, 8);
	return padded;
}

function webp(): Uint8Array {
	const vp8x = new Uint8Array(10);
	vp8x[0] = 0x08 | 0x04 | 0x10; // EXIF, XMP and alpha flags
	vp8x.set([0x1f, 0x03, 0x00], 4); // width − 1 = 799
	vp8x.set([0x57, 0x02, 0x00], 7); // height − 1 = 599
	const body = [
		chunk('VP8X', vp8x),
		chunk('VP8L', new Uint8Array([0x2f, 0, 0, 0, 0])),
		chunk('EXIF', new TextEncoder().encode('GPSLatitude 1')),
		chunk('XMP ', new TextEncoder().encode('<x:xmpmeta/>'))
	];
	const size = body.reduce((n, c) => n + c.length, 0);
	const out = new Uint8Array(12 + size);
	out.set(new TextEncoder().encode('RIFF'));
	new DataView(out.buffer).setUint32(4, size + 4, true);
	out.set(new TextEncoder().encode('WEBP'), 8);
	let at = 12;
	for (const c of body) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

describe('WebP metadata', () => {
	it('drops EXIF and XMP chunks, clears their flags and fixes the RIFF size', () => {
		const input = webp();
		expect(inspectImage(input)).toEqual({ type: 'image/webp', width: 800, height: 600 });
		const clean = stripMetadata(input, 'image/webp');
		const text = new TextDecoder('latin1').decode(clean);
		expect(text).not.toContain('EXIF');
		expect(text).not.toContain('xmpmeta');
		expect(clean[20]! & 0x0c).toBe(0);
		expect(clean[20]! & 0x10).toBe(0x10); // other flags kept
		expect(new DataView(clean.buffer).getUint32(4, true)).toBe(clean.length - 8);
		expect(sniffImageType(clean)).toBe('image/webp');
		expect(inspectImage(clean)).toEqual({ type: 'image/webp', width: 800, height: 600 });
	});
});

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

function jpegSegment(marker: number, payload: Uint8Array | number[]): number[] {
	const length = payload.length + 2;
	return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** A minimal JPEG: optional Exif, a 640 × 480 frame, one scan, EOI. */
function jpeg(exif: string | null): number[] {
	return [
		0xff,
		0xd8,
		...(exif ? jpegSegment(0xe1, new TextEncoder().encode(`Exif\0\0${exif}`)) : []),
		...jpegSegment(0xc0, [8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0]),
		...jpegSegment(0xda, [1, 1, 0, 0, 0x3f, 0]),
		0x12,
		0xff,
		0x00,
		0x34,
		0xff,
		0xd9
	];
}

describe('data after the first image', () => {
	it('JPEG: keeps the first image up to its EOI and drops an appended image with its Exif and GPS', () => {
		const first = jpeg('GPSLatitude 39.9 first');
		const input = new Uint8Array([
			...first,
			...jpeg('GPSLatitude 39.9 second'),
			...new TextEncoder().encode('tail')
		]);
		const clean = stripMetadata(input, 'image/jpeg');
		expect(latin1(clean)).not.toContain('GPSLatitude');
		expect(latin1(clean)).not.toContain('tail');
		expect([...clean]).toEqual(jpeg(null));
		expect(inspectImage(clean)).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
	});

	it('PNG: drops anything after IEND', () => {
		const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
		const pngChunk = (name: string, data: number[]) => {
			const out = new Uint8Array(12 + data.length);
			new DataView(out.buffer).setUint32(0, data.length);
			out.set(new TextEncoder().encode(name), 4);
			out.set(data, 8);
			return [...out];
		};
		const ihdr = [0, 0, 0, 200, 0, 0, 1, 44, 8, 2, 0, 0, 0];
		const image = [
			...signature,
			...pngChunk('IHDR', ihdr),
			...pngChunk('IDAT', [1, 2]),
			...pngChunk('IEND', [])
		];
		const trailer = [...new TextEncoder().encode('GPSLatitude 39.9'), ...pngChunk('tIMX', [1])];
		const clean = stripMetadata(new Uint8Array([...image, ...trailer]), 'image/png');
		expect([...clean]).toEqual(image);
	});

	it('WebP: drops bytes beyond the RIFF size, and fixes the size', () => {
		const input = webp();
		// A chunk with an innocent name after the RIFF's end: dropping metadata chunks by name is not enough.
		const trailer = chunk('ZZZZ', new TextEncoder().encode('GPSLatitude 2'));
		const withTrailer = new Uint8Array([...input, ...trailer]);
		const clean = stripMetadata(withTrailer, 'image/webp');
		expect(latin1(clean)).not.toContain('GPSLatitude');
		expect([...clean]).toEqual([...stripMetadata(input, 'image/webp')]);
	});
});

// Issue 18's probe: stripping was a deny-list, so whatever it did not name came through.
describe('an allow-list of what an image needs to render', () => {
	const SECRET = 'GPSLatitude 31.2304 N';

	it('JPEG: an APP0 with any payload leaves only a bare JFIF header; unknown APPn and COM go', () => {
		const frame = jpeg(null);
		const app0 = jpegSegment(0xe0, [
			...new TextEncoder().encode(`JFIF\0\x01\x01\0\0\x01\0\x01\0\0${SECRET}`)
		]);
		const fake0 = jpegSegment(0xe0, [...new TextEncoder().encode(`NOTJFIF ${SECRET}`)]);
		const app2 = jpegSegment(0xe2, [...new TextEncoder().encode(`ICC_PROFILE\0${SECRET}`)]);
		const input = new Uint8Array([0xff, 0xd8, ...app0, ...fake0, ...app2, ...frame.slice(2)]);
		const clean = stripMetadata(input, 'image/jpeg');
		expect(latin1(clean)).not.toContain(SECRET);
		expect(latin1(clean)).not.toContain('NOTJFIF');
		expect([...clean.subarray(0, 20)]).toEqual([
			0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0
		]);
		expect(inspectImage(clean)).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
	});

	it('PNG: exIf, zxIf, iCCP and private chunks go; colour and transparency stay', () => {
		const pngChunk = (name: string, data: number[]) => {
			const out = new Uint8Array(12 + data.length);
			new DataView(out.buffer).setUint32(0, data.length);
			out.set(new TextEncoder().encode(name), 4);
			out.set(data, 8);
			return [...out];
		};
		const secret = [...new TextEncoder().encode(SECRET)];
		const head = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
		const ihdr = pngChunk('IHDR', [0, 0, 0, 200, 0, 0, 1, 44, 8, 2, 0, 0, 0]);
		const kept = [pngChunk('gAMA', [0, 0, 0xb1, 0x8f]), pngChunk('tRNS', [0, 1])];
		const dropped = ['exIf', 'zxIf', 'iCCP', 'prIv', 'vpAg', 'caBX'].map((name) => pngChunk(name, secret));
		const tail = [pngChunk('IDAT', [1, 2]), pngChunk('IEND', [])];
		const input = new Uint8Array([...head, ...ihdr, ...dropped.flat(), ...kept.flat(), ...tail.flat()]);
		const clean = stripMetadata(input, 'image/png');
		expect(latin1(clean)).not.toContain(SECRET);
		expect([...clean]).toEqual([...head, ...ihdr, ...kept.flat(), ...tail.flat()]);
	});

	it('WebP: ICCP and unknown chunks go, the ICC flag is cleared, alpha and animation stay', () => {
		const secret = new TextEncoder().encode(SECRET);
		const vp8x = new Uint8Array(10);
		vp8x[0] = 0x20 | 0x10 | 0x02; // ICC, alpha, animation
		vp8x.set([0x1f, 0x03, 0x00], 4);
		vp8x.set([0x57, 0x02, 0x00], 7);
		const body = [
			chunk('VP8X', vp8x),
			chunk('ICCP', secret),
			chunk('GPSx', secret),
			chunk('ALPH', new Uint8Array([0, 1])),
			chunk('VP8L', new Uint8Array([0x2f, 0, 0, 0, 0]))
		];
		const size = body.reduce((n, c) => n + c.length, 0);
		const input = new Uint8Array(12 + size);
		input.set(new TextEncoder().encode('RIFF'));
		new DataView(input.buffer).setUint32(4, size + 4, true);
		input.set(new TextEncoder().encode('WEBP'), 8);
		let at = 12;
		for (const c of body) {
			input.set(c, at);
			at += c.length;
		}
		const clean = stripMetadata(input, 'image/webp');
		expect(latin1(clean)).not.toContain(SECRET);
		expect(latin1(clean)).toContain('ALPH');
		expect(clean[20]).toBe(0x12);
		expect(inspectImage(clean)).toEqual({ type: 'image/webp', width: 800, height: 600 });
	});
});
