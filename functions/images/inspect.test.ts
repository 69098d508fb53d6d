import { describe, expect, it } from 'vitest';
import { ImageError, inspectImage } from './inspect';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('inspectImage', () => {
	it('reads a PNG’s size from its IHDR', () => {
		const bytes = new Uint8Array(24);
		bytes.set(PNG_SIGNATURE);
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
