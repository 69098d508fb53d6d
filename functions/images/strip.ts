import { concatBytes } from '../lib/base64url';
import { ascii, ImageError, jpegSegments, type ImageType } from './inspect';

/**
 * Removes metadata whatever the client did: EXIF (with GPS position), XMP, IPTC, ICC profiles, comments, text
 * chunks, and anything a format lets one invent. An allow-list of what each format needs to render, never a
 * deny-list: a private chunk or an APP0 with any payload would otherwise carry a position through. A photo of a
 * missing child must not leak where the family lives. Image data is copied unchanged (no re-encoding).
 */
export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
	if (type === 'image/jpeg') return stripJpeg(bytes);
	if (type === 'image/png') return stripPng(bytes);
	return stripWebp(bytes);
}

// ITU T.81: frames (SOF0–SOF15 but DHT, JPG, DAC), DHT, DAC, DQT, DRI, SOS with its data, restarts, DNL, EOI.
const JPEG_KEPT = new Set([
	...[0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf],
	0xc4, // DHT
	0xcc, // DAC
	0xdb, // DQT
	0xdd, // DRI
	0xda, // SOS
	0xdc, // DNL
	...[0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7], // RST0–RST7
	0xd9 // EOI
]);
/** JFIF's APP0 rewritten to its 16 bytes without a thumbnail: version 1.01, no density, no pixels of its own. */
const JFIF_APP0 = new Uint8Array([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const ADOBE = 'Adobe';

/**
 * Keeps the first image only, up to its EOI: a second image appended after it (the multi-picture layout phones
 * write, or anything else) carries its own Exif and GPS, and fill bytes between segments are dropped. A leading
 * JFIF APP0 is replaced by a bare JFIF header (its thumbnail and any payload go); APP14 "Adobe" (12 bytes: how
 * CMYK/YCCK decode) is the one APPn kept as is.
 */
function stripJpeg(bytes: Uint8Array): Uint8Array {
	const kept: Uint8Array[] = [bytes.subarray(0, 2)];
	for (const { marker, start, end } of jpegSegments(bytes)) {
		const adobe = marker === 0xee && end - start === 14 && ascii(bytes, start + 4, 5) === ADOBE;
		// JFIF tells a decoder the colour space of 3-component images; only its first 14 bytes mean anything.
		const jfif = marker === 0xe0 && kept.length === 1 && ascii(bytes, start + 4, 5) === 'JFIF\0';
		if (jfif) kept.push(JFIF_APP0);
		else if (JPEG_KEPT.has(marker) || adobe) kept.push(bytes.subarray(start, end));
	}
	return concatBytes(...kept);
}

// ISO 15948 critical chunks, and the ancillary ones that change how pixels look (transparency, gamma,
// chromaticities, sRGB intent, coding-independent code points). iCCP (an arbitrary profile blob), text, time,
// eXIf/zxIf and private chunks go.
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'cICP', 'sBIT']);

function stripPng(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const kept: Uint8Array[] = [bytes.subarray(0, 8)];
	let offset = 8;
	while (offset + 12 <= bytes.length) {
		const end = offset + 12 + view.getUint32(offset);
		if (end > bytes.length) throw new ImageError('truncated PNG');
		const name = ascii(bytes, offset + 4, 4);
		if (PNG_KEPT.has(name)) kept.push(bytes.subarray(offset, end));
		// Nothing after IEND belongs to the image (ISO 15948 §5.6); trailing data may hide anything.
		if (name === 'IEND') break;
		offset = end;
	}
	return concatBytes(...kept);
}

// WebP container (RFC 9649): the bitstreams, alpha and animation. ICCP, EXIF, XMP and unknown chunks go.
const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);
// VP8X flags kept: alpha (0x10) and animation (0x02); ICC (0x20), EXIF (0x08), XMP (0x04) and reserved bits clear.
const VP8X_FLAGS_KEPT = 0x12;

function stripWebp(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const kept: Uint8Array[] = [];
	// The RIFF size bounds the file: bytes beyond it are no part of the image, whatever they carry.
	const limit = Math.min(bytes.length, 8 + view.getUint32(4, true));
	let offset = 12;
	while (offset + 8 <= limit) {
		const size = view.getUint32(offset + 4, true);
		const end = Math.min(offset + 8 + size + (size % 2), limit); // chunks are padded to even sizes
		const name = ascii(bytes, offset, 4);
		if (name === 'VP8X') {
			const chunk = bytes.slice(offset, end);
			chunk[8] = chunk[8]! & VP8X_FLAGS_KEPT;
			kept.push(chunk);
		} else if (WEBP_KEPT.has(name)) kept.push(bytes.subarray(offset, end));
		offset = end;
	}
	const body = concatBytes(...kept);
	const header = new Uint8Array(12);
	header.set(bytes.subarray(0, 12));
	new DataView(header.buffer).setUint32(4, body.length + 4, true);
	return concatBytes(header, body);
}
