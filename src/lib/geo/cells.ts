import { coveringAt } from './covering';
import { GEOHASH_ALPHABET, type LatLon } from './geohash';

/** The coarse cells live alerts are grouped by (≈ 156 × 156 km at the equator, narrower towards the poles). */
export const LIVE_CELL_PRECISION = 3;

/**
 * Every geohash cell of `precision` characters whose rectangle meets the circle, in key order. Live alerts go
 * to the objects of these cells; a region whose cell centre is inside the circle always lies in one of them.
 */
export function cellsMeetingCircle(
	centre: LatLon,
	radiusKm: number,
	precision = LIVE_CELL_PRECISION
): string[] {
	const cells: string[] = [];
	for (const range of coveringAt(centre, radiusKm, precision).ranges) {
		// Ranges are runs of whole cells of `precision` characters, so their ends are cell boundaries.
		const last = valueOf(range.to.slice(0, precision));
		for (let value = valueOf(range.from.slice(0, precision)); value <= last; value++) {
			cells.push(keyOf(value, precision));
		}
	}
	return cells;
}

function valueOf(key: string): number {
	let value = 0;
	for (const char of key) value = value * 32 + GEOHASH_ALPHABET.indexOf(char);
	return value;
}

function keyOf(value: number, length: number): string {
	let key = '';
	for (let i = 0; i < length; i++) {
		key = GEOHASH_ALPHABET[value % 32] + key;
		value = Math.floor(value / 32);
	}
	return key;
}
