import { haversineKm } from '../../src/lib/geo';
import type { UnitArea } from '../../src/lib/schemas/units';

/**
 * The outlines the Worker knows, as latitude/longitude boxes. No polygon set of China's GB/T 2260 divisions ships
 * with the platform, so a division code stands for its box and finer areas are given as circles (a documented
 * approximation: the box of 100000 also holds parts of neighbouring countries, which no Chinese unit alerts for).
 */
const DIVISION_BOXES: Record<string, { south: number; north: number; west: number; east: number }> = {
	// 中华人民共和国: Zengmu Ansha to Mohe, Pamirs to the Wusuli confluence.
	'100000': { south: 3.8, north: 53.6, west: 73.4, east: 135.1 }
};

/** Whether a unit's area holds the point: inside any of its divisions or circles (borders count as inside). */
export function areaCovers(area: UnitArea, lat: number, lon: number): boolean {
	const inDivision = (area.divisions ?? []).some((code) => {
		const box = DIVISION_BOXES[code];
		return box !== undefined && lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;
	});
	return inDivision || (area.circles ?? []).some((c) => haversineKm(c, { lat, lon }) <= c.radiusKm);
}
