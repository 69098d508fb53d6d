import { geohashBounds, haversineKm, minDistanceToBoundsKm, type LatLon } from '../../src/lib/geo';
import type { PartnerArea } from '../../src/lib/schemas';

/** A case's circle: its last-seen point and current radius. */
export interface CaseCircle extends LatLon {
	radiusKm: number;
}

/**
 * API.md "Partners": a partner is reached when the case's circle meets its area. Two circles meet when their
 * centres are no further apart than the sum of the radii; a geohash cell meets a circle when the cell's nearest
 * point is inside it. Both are generous by design: a partner serving the edge of a circle should hear of it.
 */
export function areaMeetsCircle(area: PartnerArea, circle: CaseCircle): boolean {
	return (
		area.circles.some((c) => haversineKm(c, circle) <= c.radiusKm + circle.radiusKm) ||
		area.geohashes.some((prefix) => minDistanceToBoundsKm(circle, geohashBounds(prefix)) <= circle.radiusKm)
	);
}
