/** What the server accepts as a case photo (API.md: JPEG, PNG or WebP, ≤ 5 MB). */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface ImageInfo {
	type: ImageType;
	width: number;
	height: number;
}

export class ImageError extends Error {}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type by magic bytes, never by what the client claims. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
	return null;
}

export function ascii(bytes: Uint8Array, offset: number, length: number): string {
	return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** Type and pixel dimensions from the headers (no decoding): SOFn for JPEG, IHDR for PNG, VP8/VP8L/VP8X for WebP. */
export function inspectImage(bytes: Uint8Array): ImageInfo {
	try {
		return readHeaders(bytes);
	} catch (error) {
		// A header cut short makes DataView read past the end: that is a broken upload, not a server fault.
		if (error instanceof RangeError) throw new ImageError('the image is cut short');
		throw error;
	}
}

function readHeaders(bytes: Uint8Array): ImageInfo {
	const type = sniffImageType(bytes);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (type === 'image/png') return { type, width: view.getUint32(16), height: view.getUint32(20) };
	if (type === 'image/jpeg') return { type, ...jpegSize(bytes, view) };
	if (type === 'image/webp') return { type, ...webpSize(bytes, view) };
	throw new ImageError('not a JPEG, PNG or WebP image');
}

function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) throw new ImageError('corrupt JPEG segment');
		const marker = bytes[offset + 1]!;
		// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
		}
		offset += 2 + view.getUint16(offset + 2);
	}
	throw new ImageError('JPEG without a frame header');
}

function webpSize(bytes: Uint8Array, view: DataView): { width: number; height: number } {
	const chunk = ascii(bytes, 12, 4);
	if (chunk === 'VP8X')
		return {
			width: 1 + (view.getUint32(24, true) & 0xffffff),
			height: 1 + (view.getUint32(27, true) & 0xffffff)
		};
	if (chunk === 'VP8L') {
		const bits = view.getUint32(21, true);
		return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
	}
	if (chunk === 'VP8 ')
		return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
	throw new ImageError('WebP without a known image chunk');
}
