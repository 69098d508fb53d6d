/** Geohash base32 alphabet: digits and lower-case letters without a, i, l, o. */
export const GEOHASH_ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';
/** Regions are stored as 5 characters: a cell of 0.0439° × 0.0439°, about 4.9 × 4.9 km at the equator. */
export const REGION_PRECISION = 5;
/** Longest hash accepted: past 12 characters (60 bits) a double no longer tells the halves of a cell apart. */
export const MAX_PRECISION = 12;

export interface LatLon {
	lat: number;
	lon: number;
}

/** A cell's rectangle in degrees; a point on a shared edge belongs to the cell above or east of it. */
export interface GeohashBounds {
	minLat: number;
	maxLat: number;
	minLon: number;
	maxLon: number;
}

const DECODE = new Map([...GEOHASH_ALPHABET].map((char, index) => [char, index]));

/** True for a non-empty string of geohash characters (lower case only), of exactly `precision` if given. */
export function isGeohash(value: unknown, precision?: number): value is string {
	if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PRECISION) return false;
	if (precision !== undefined && value.length !== precision) return false;
	for (const char of value) if (!DECODE.has(char)) return false;
	return true;
}

/** The geohash of `precision` characters (1–12) of the cell holding the point. */
export function encodeGeohash(lat: number, lon: number, precision: number): string {
	assertPoint(lat, lon);
	if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
		throw new RangeError(`geohash precision must be an integer 1–${MAX_PRECISION}, got ${precision}`);
	}
	const b = world();
	let hash = '';
	for (let bit = 0; bit < 5 * precision; bit += 5) {
		let index = 0;
		for (let k = 0; k < 5; k++) {
			const upper = isLonBit(bit + k) ? lon >= (b.minLon + b.maxLon) / 2 : lat >= (b.minLat + b.maxLat) / 2;
			halve(b, bit + k, upper);
			index = index * 2 + (upper ? 1 : 0);
		}
		hash += GEOHASH_ALPHABET[index];
	}
	return hash;
}

/** The rectangle of a cell. Throws a RangeError for anything that is not a geohash. */
export function geohashBounds(hash: string): GeohashBounds {
	if (!isGeohash(hash)) throw new RangeError(`not a geohash: ${JSON.stringify(hash)}`);
	const b = world();
	let bit = 0;
	for (const char of hash) {
		const index = DECODE.get(char) ?? 0;
		for (let k = 4; k >= 0; k--) halve(b, bit++, ((index >> k) & 1) === 1);
	}
	return b;
}

/** The centre of the cell: what "inside the radius" measures to (API.md). */
export function decodeGeohash(hash: string): LatLon {
	const b = geohashBounds(hash);
	return { lat: (b.minLat + b.maxLat) / 2, lon: (b.minLon + b.maxLon) / 2 };
}

/**
 * The rectangle of the first `bitCount` bits of a geohash read as a binary number (5 bits a character, longitude
 * first). Runs of keys that start on a multiple of 2^k are such rectangles, which is how coverings are measured.
 */
export function bitsBounds(value: number, bitCount: number): GeohashBounds {
	if (!Number.isInteger(bitCount) || bitCount < 0 || bitCount > 53) {
		throw new RangeError(`bitsBounds needs 0–53 bits (what a double holds exactly), got ${bitCount}`);
	}
	const b = world();
	for (let bit = 0; bit < bitCount; bit++)
		halve(b, bit, Math.floor(value / 2 ** (bitCount - 1 - bit)) % 2 === 1);
	return b;
}

/** Throws a RangeError unless lat ∈ [−90, 90] and lon ∈ [−180, 180]. */
export function assertPoint(lat: number, lon: number): void {
	if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
		throw new RangeError(`not a point on the map: ${lat}, ${lon}`);
	}
}

function world(): GeohashBounds {
	return { minLat: -90, maxLat: 90, minLon: -180, maxLon: 180 };
}

function isLonBit(bit: number): boolean {
	return bit % 2 === 0;
}

function halve(b: GeohashBounds, bit: number, upper: boolean): void {
	if (isLonBit(bit)) {
		const mid = (b.minLon + b.maxLon) / 2;
		if (upper) b.minLon = mid;
		else b.maxLon = mid;
	} else {
		const mid = (b.minLat + b.maxLat) / 2;
		if (upper) b.minLat = mid;
		else b.maxLat = mid;
	}
}
