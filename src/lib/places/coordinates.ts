// Coordinates pasted from Chinese map apps. Amap (高德) shows GCJ-02, Baidu BD-09; both copy "lng,lat". Only
// WGS-84 is ever stored (API.md), so a paste is converted with gcoord before it becomes the pin.
import gcoord from 'gcoord';

export const PASTE_SYSTEMS = ['GCJ02', 'BD09', 'WGS84'] as const;
export type PasteSystem = (typeof PASTE_SYSTEMS)[number];

const PAIR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/**
 * Two numbers, in either order: the one outside ±90 (or, inside China, the larger) is the longitude, since
 * China's longitudes (73–135) are all above its latitudes (18–54). Null when the text is not a pair.
 */
export function parsePastedPair(text: string): { lat: number; lon: number } | null {
	const match = PAIR.exec(text);
	if (!match) return null;
	const [a, b] = [Number(match[1]), Number(match[2])];
	const [lon, lat] = Math.abs(a) > 90 || a > b ? [a, b] : [b, a];
	if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
	return { lat, lon };
}

/** A pasted point in `system`, as WGS-84 rounded to ~1 m. */
export function toWgs84(
	point: { lat: number; lon: number },
	system: PasteSystem
): { lat: number; lon: number } {
	const [lon, lat] =
		system === 'WGS84'
			? [point.lon, point.lat]
			: gcoord.transform([point.lon, point.lat], gcoord[system], gcoord.WGS84);
	const round = (x: number) => Math.round(x * 1e5) / 1e5;
	return { lat: round(lat), lon: round(lon) };
}
