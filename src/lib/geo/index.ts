export {
	decodeGeohash,
	encodeGeohash,
	geohashBounds,
	GEOHASH_ALPHABET,
	isGeohash,
	MAX_PRECISION,
	REGION_PRECISION,
	type GeohashBounds,
	type LatLon
} from './geohash';
export {
	distanceToCellKm,
	EARTH_RADIUS_KM,
	haversineKm,
	isInsideRadius,
	maxDistanceToBoundsKm,
	minDistanceToBoundsKm
} from './distance';
export {
	circleAreaKm2,
	coveredAreaKm2,
	covering,
	coveringAreaRatio,
	coveringAt,
	coveringPrecision,
	MAX_RADIUS_KM,
	MIN_RADIUS_KM,
	rangeCount,
	rectangleAreaKm2,
	type Covering,
	type GeohashRange
} from './covering';
export { cellsMeetingCircle, LIVE_CELL_PRECISION } from './cells';
