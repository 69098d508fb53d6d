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
	if (type === 'image/png') {
		// PNG requires IHDR first (ISO 15948 §5.6); decoders take the size from it and from nowhere else.
		if (ascii(bytes, 12, 4) !== 'IHDR') throw new ImageError('PNG without a leading IHDR');
		return { type, width: view.getUint32(16), height: view.getUint32(20) };
	}
	if (type === 'image/jpeg') return { type, ...jpegSize(bytes, view) };
	if (type === 'image/webp') return { type, ...webpSize(bytes, view) };
	throw new ImageError('not a JPEG, PNG or WebP image');
}

/** One marker segment as a decoder sees it: `start` is the 0xFF before the marker, `end` is exclusive. */
export interface JpegSegment {
	marker: number;
	start: number;
	/** For SOS, the end of the entropy-coded data that follows its header. */
	end: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
// TEM and RST0–RST7 stand alone: no length follows them (ITU T.81 B.1.1.3).
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), and DHP (DE): each carries a frame size.
const isFrame = (marker: number) =>
	(marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
	marker === 0xde;

/**
 * The first image's segments, SOI excluded and EOI included, walked as decoders walk them (ITU T.81 B.1.1.2):
 * any number of 0xFF fill bytes may precede a marker, standalone markers have no length, and a scan's data runs
 * to the next marker that is not a stuffed 0xFF00 or a restart. Whatever follows the first EOI is not part of it.
 */
export function jpegSegments(bytes: Uint8Array): JpegSegment[] {
	if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new ImageError('not a JPEG image');
	const segments: JpegSegment[] = [];
	let offset = 2;
	for (;;) {
		if (offset >= bytes.length) throw new ImageError('JPEG without an end marker');
		if (bytes[offset] !== 0xff) throw new ImageError('corrupt JPEG segment');
		while (bytes[offset + 1] === 0xff) offset += 1;
		const marker = bytes[offset + 1];
		if (marker === undefined) throw new ImageError('the image is cut short');
		if (marker === EOI) {
			segments.push({ marker, start: offset, end: offset + 2 });
			return segments;
		}
		if (marker === 0x00 || marker === SOI) throw new ImageError('corrupt JPEG segment');
		if (isStandalone(marker)) {
			segments.push({ marker, start: offset, end: offset + 2 });
			offset += 2;
			continue;
		}
		if (offset + 4 > bytes.length) throw new ImageError('the image is cut short');
		const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
		if (length < 2) throw new ImageError('corrupt JPEG segment');
		let end = offset + 2 + length;
		if (end > bytes.length) throw new ImageError('the image is cut short');
		if (marker === SOS) end = endOfScan(bytes, end);
		segments.push({ marker, start: offset, end });
		offset = end;
	}
}

/** Where a scan's entropy-coded data ends: at the first 0xFF (fill bytes included) that starts a real marker. */
function endOfScan(bytes: Uint8Array, from: number): number {
	let at = from;
	while (at < bytes.length) {
		if (bytes[at] !== 0xff) {
			at += 1;
			continue;
		}
		let next = at + 1;
		while (bytes[next] === 0xff) next += 1;
		const marker = bytes[next];
		if (marker === undefined) break;
		if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)) at = next + 1;
		else return at;
	}
	throw new ImageError('JPEG without an end marker');
}

function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } {
	const sizes: { width: number; height: number }[] = [];
	for (const segment of jpegSegments(bytes)) {
		if (segment.marker === SOS && sizes.length === 0)
			throw new ImageError('JPEG scan before its frame header');
		if (!isFrame(segment.marker)) continue;
		if (segment.end - segment.start < 9) throw new ImageError('corrupt JPEG frame header');
		sizes.push({ height: view.getUint16(segment.start + 5), width: view.getUint16(segment.start + 7) });
	}
	const [first] = sizes;
	if (!first) throw new ImageError('JPEG without a frame header');
	// Decoders differ on which frame they trust: a file whose frames disagree could pass as one size and decode
	// as another.
	if (sizes.some((size) => size.width !== first.width || size.height !== first.height))
		throw new ImageError('JPEG frames disagree on the image size');
	return first;
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
