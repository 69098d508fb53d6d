import { create } from 'qrcode';

/** The dark modules of a QR code for `text` (error correction M: survives a crease or a smudge on a print). */
export function qrMatrix(text: string): { size: number; dark: (x: number, y: number) => boolean } {
	const { modules } = create(text, { errorCorrectionLevel: 'M' });
	return { size: modules.size, dark: (x, y) => modules.get(y, x) === 1 };
}

/**
 * The QR code as one SVG path in module units, with the 4-module quiet zone ISO/IEC 18004 asks for: scale it
 * with a viewBox of `0 0 {size + 8} {size + 8}`. One path keeps a poster small and crisp at any size.
 */
export function qrPath(text: string): { d: string; viewBox: number } {
	const { size, dark } = qrMatrix(text);
	const parts: string[] = [];
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			if (!dark(x, y)) continue;
			// Runs of dark modules on a row become one rectangle.
			let run = 1;
			while (x + run < size && dark(x + run, y)) run++;
			parts.push(`M${x + 4} ${y + 4}h${run}v1h-${run}z`);
			x += run - 1;
		}
	}
	return { d: parts.join(''), viewBox: size + 8 };
}
