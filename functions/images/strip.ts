import { concatBytes } from '../lib/base64url';
import { ascii, ImageError, jpegSegments, type ImageType } from './inspect';

/**
 * Removes metadata whatever the client did: EXIF (with GPS position), XMP, IPTC, comments, text chunks. A photo
 * of a missing child must not leak where the family lives. Image data is copied unchanged (no re-encoding).
 */
export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
	if (type === 'image/jpeg') return stripJpeg(bytes);
	if (type === 'image/png') return stripPng(bytes);
	return stripWebp(bytes);
}

/**
 * Keeps the first image only, up to its EOI: a second image appended after it (the multi-picture layout phones
 * write, or anything else) carries its own Exif and GPS, and fill bytes between segments are dropped.
 */
function stripJpeg(bytes: Uint8Array): Uint8Array {
	const kept: Uint8Array[] = [bytes.subarray(0, 2)];
	for (const { marker, start, end } of jpegSegments(bytes)) {
		// APP1–APP15 (EXIF, XMP, ICC, IPTC, MPF, …) and COM go; APP0 (JFIF) and the image segments stay.
		const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
		if (!metadata) kept.push(bytes.subarray(start, end));
	}
	return concatBytes(...kept);
}

const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const kept: Uint8Array[] = [bytes.subarray(0, 8)];
	let offset = 8;
	while (offset + 12 <= bytes.length) {
		const end = offset + 12 + view.getUint32(offset);
		if (end > bytes.length) throw new ImageError('truncated PNG');
		const name = ascii(bytes, offset + 4, 4);
		if (!PNG_METADATA.has(name)) kept.push(bytes.subarray(offset, end));
		// Nothing after IEND belongs to the image (ISO 15948 §5.6); trailing data may hide anything.
		if (name === 'IEND') break;
		offset = end;
	}
	return concatBytes(...kept);
}

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
			chunk[8] = chunk[8]! & ~0x0c; // clear the EXIF (bit 3) and XMP (bit 2) flags
			kept.push(chunk);
		} else if (name !== 'EXIF' && name !== 'XMP ') kept.push(bytes.subarray(offset, end));
		offset = end;
	}
	const body = concatBytes(...kept);
	const header = new Uint8Array(12);
	header.set(bytes.subarray(0, 12));
	new DataView(header.buffer).setUint32(4, body.length + 4, true);
	return concatBytes(header, body);
}
