import { isInsideRadius, LIVE_CELL_PRECISION } from '../geo';
import type { SavedRegion } from '../regions/store';
import type { CaseSummary } from '../schemas';
import { MAX_LIVE_CELLS } from '../schemas/live-limits';

/** The geohash-3 cells the socket listens to: all the server learns, coarser than the regions it already has. */
export function liveCells(regions: Pick<SavedRegion, 'geohash'>[]): string[] {
	const cells = [...new Set(regions.map((region) => region.geohash.slice(0, LIVE_CELL_PRECISION)))];
	return cells.slice(0, MAX_LIVE_CELLS);
}

/** API.md "inside the radius", applied on the device: the socket sends a whole cell's changes. */
export function reachesRegions(
	summary: Pick<CaseSummary, 'lat' | 'lon' | 'radiusKm'>,
	regions: Pick<SavedRegion, 'geohash'>[]
): boolean {
	return regions.some((region) =>
		isInsideRadius({ lat: summary.lat, lon: summary.lon }, summary.radiusKm, region.geohash)
	);
}
