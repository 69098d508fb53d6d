/** EXIF with a position, as a phone writes it: what a photo's upload must lose. */
export const GPS_EXIF = new TextEncoder().encode('Exif\0\0GPSLatitude 39.9042 N GPSLongitude 116.4074 E');

function segment(marker: number, payload: Uint8Array): Uint8Array {
	const out = new Uint8Array(4 + payload.length);
	out.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
	out.set(payload, 4);
	return out;
}

export function joinBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** A structurally complete JPEG (markers as a decoder reads them) with EXIF (GPS) and a comment. */
export function jpegWithGps(width = 640, height = 480): Uint8Array<ArrayBuffer> {
	const sof = new Uint8Array([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
	return joinBytes(
		new Uint8Array([0xff, 0xd8]),
		segment(0xe0, new TextEncoder().encode('JFIF\0\x01\x01\0\0\x01\0\x01\0\0')),
		segment(0xe1, GPS_EXIF),
		segment(0xfe, new TextEncoder().encode('taken at 12 Example Road')),
		segment(0xdb, new Uint8Array(65)),
		segment(0xc0, sof),
		segment(0xc4, new Uint8Array(20)),
		segment(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])),
		new Uint8Array([0x12, 0x34, 0x56, 0xff, 0xd9])
	);
}

export function containsText(bytes: Uint8Array, text: string): boolean {
	return new TextDecoder('latin1').decode(bytes).includes(text);
}
