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
