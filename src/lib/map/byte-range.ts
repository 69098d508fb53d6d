/**
 * One HTTP byte range (RFC 9110 §14.1.2), as PMTiles readers ask for them: shared by the Worker that serves the
 * archive (functions/tiles/ranges.ts) and the service worker that answers from a cached copy offline.
 */
/** `[start, endInclusive]` of the one range asked for, `'unsatisfiable'`, or undefined (no usable Range: send all). */
export function parseRange(
	header: string | null | undefined,
	size: number
): [number, number] | 'unsatisfiable' | undefined {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
	if (!match) return undefined;
	const [, first, last] = match;
	if (first === '' && last === '') return undefined;
	if (first === '') {
		// A suffix: the last N bytes.
		const length = Math.min(Number(last), size);
		return length === 0 ? 'unsatisfiable' : [size - length, size - 1];
	}
	const start = Number(first);
	if (start >= size) return 'unsatisfiable';
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	return end < start ? undefined : [start, end];
}
