import type { Lang } from '../schemas/common';

/**
 * MapLibre's `locale` option in the reader's language: every text its controls show or announce. Loaded with
 * the map, not with the page (the home page's first-load budget): the texts are imported here, on demand.
 */
export async function mapLocale(lang: Lang): Promise<Record<string, string>> {
	const { zhCN, en } = await import('./messages/features/map-controls');
	const t = lang === 'en' ? en : zhCN;
	return {
		'AttributionControl.ToggleAttribution': t['mapControls.attribution'],
		'AttributionControl.MapFeedback': t['mapControls.feedback'],
		'FullscreenControl.Enter': t['mapControls.fullscreen'],
		'FullscreenControl.Exit': t['mapControls.fullscreenExit'],
		'GeolocateControl.FindMyLocation': t['mapControls.locate'],
		'GeolocateControl.LocationNotAvailable': t['mapControls.locateUnavailable'],
		'LogoControl.Title': t['mapControls.logo'],
		'Map.Title': t['mapControls.map'],
		'Marker.Title': t['mapControls.marker'],
		'NavigationControl.ResetBearing': t['mapControls.resetBearing'],
		'NavigationControl.ZoomIn': t['mapControls.zoomIn'],
		'NavigationControl.ZoomOut': t['mapControls.zoomOut'],
		'Popup.Close': t['mapControls.close'],
		'ScaleControl.Feet': t['mapControls.feet'],
		'ScaleControl.Meters': t['mapControls.meters'],
		'ScaleControl.Kilometers': t['mapControls.kilometers'],
		'ScaleControl.Miles': t['mapControls.miles'],
		'ScaleControl.NauticalMiles': t['mapControls.nauticalMiles']
	};
}
