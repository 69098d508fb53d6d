/** A point in degrees. Longitude may leave ±180 on circles that cross the antimeridian, so drawing stays continuous. */
export interface LatLon {
	lat: number;
	lon: number;
}

export interface MapCircle extends LatLon {
	id: string;
	radiusKm: number;
	/** Kept as a feature property only: the offline basemap has no glyphs, so circles carry no text. */
	label?: string;
	/** `case`: a missing child's alert area (red); `region`: one of the device's own regions (blue). */
	kind?: 'case' | 'region';
}

export interface MapMarker extends LatLon {
	id: string;
	/** Accessible name and tooltip. */
	label: string;
	/** Makes the marker a link (e.g. to the case page) instead of a button. */
	href?: string;
}
