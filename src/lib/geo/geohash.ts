/** Geohash base32 alphabet (no a, i, l, o). */
export const GEOHASH_ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';
/** Regions are stored as 5 characters: a cell of about 4.9 × 4.9 km. */
export const REGION_PRECISION = 5;

export interface LatLon {
	lat: number;
	lon: number;
}

export interface GeohashBounds {
	minLat: number;
	maxLat: number;
	minLon: number;
	maxLon: number;
}

const DECODE = new Map([...GEOHASH_ALPHABET].map((char, index) => [char, index]));

export function isGeohash(value: unknown, precision?: number): value is string {
	if (typeof value !== 'string' || value.length === 0 || value.length > 12) return false;
	if (precision !== undefined && value.length !== precision) return false;
	for (const char of value) if (!DECODE.has(char)) return false;
	return true;
}

/** Bits alternate longitude, latitude, starting with longitude. */
export function encodeGeohash(lat: number, lon: number, precision: number): string {
	let [minLat, maxLat, minLon, maxLon] = [-90, 90, -180, 180];
	let hash = '';
	let bits = 0;
	let value = 0;
	let evenBit = true;
	while (hash.length < precision) {
		if (evenBit) {
			const mid = (minLon + maxLon) / 2;
			if (lon >= mid) [value, minLon] = [value * 2 + 1, mid];
			else [value, maxLon] = [value * 2, mid];
		} else {
			const mid = (minLat + maxLat) / 2;
			if (lat >= mid) [value, minLat] = [value * 2 + 1, mid];
			else [value, maxLat] = [value * 2, mid];
		}
		evenBit = !evenBit;
		if (++bits === 5) {
			hash += GEOHASH_ALPHABET[value];
			[bits, value] = [0, 0];
		}
	}
	return hash;
}

export function geohashBounds(hash: string): GeohashBounds {
	let [minLat, maxLat, minLon, maxLon] = [-90, 90, -180, 180];
	let evenBit = true;
	for (const char of hash) {
		const index = DECODE.get(char);
		if (index === undefined) throw new RangeError(`not a geohash: ${hash}`);
		for (let bit = 4; bit >= 0; bit--) {
			const on = (index >> bit) & 1;
			if (evenBit) {
				const mid = (minLon + maxLon) / 2;
				if (on) minLon = mid;
				else maxLon = mid;
			} else {
				const mid = (minLat + maxLat) / 2;
				if (on) minLat = mid;
				else maxLat = mid;
			}
			evenBit = !evenBit;
		}
	}
	return { minLat, maxLat, minLon, maxLon };
}

/** The centre of the cell: what "inside the radius" measures to (API.md). */
export function decodeGeohash(hash: string): LatLon {
	const b = geohashBounds(hash);
	return { lat: (b.minLat + b.maxLat) / 2, lon: (b.minLon + b.maxLon) / 2 };
}
