import { withTimeout } from '../check/helpers';
import { detectPushSupport, turnOnAlerts } from '../push/client';
import { makeRegion, saveRegions, type SavedRegion } from '../regions/store';
import type { Lang } from '../schemas';

/** How the tap ended: alerts on; region saved without push (live alerts and catch-up still work); no location. */
export type OneTapOutcome = 'alertsOn' | 'regionOnly' | 'noLocation';

/** A hanging push service must not keep the button busy: past this the region stays saved without push. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;
const LOCATION_TIMEOUT_MS = 15_000;

function currentPosition(): Promise<GeolocationPosition> {
	return new Promise((resolve, reject) => {
		if (!('geolocation' in navigator)) return reject(new Error('no geolocation'));
		navigator.geolocation.getCurrentPosition(resolve, reject, {
			enableHighAccuracy: false,
			timeout: LOCATION_TIMEOUT_MS,
			maximumAge: 600_000
		});
	});
}

/**
 * Alerts on in one tap. The notification prompt comes first, inside the tap (iOS allows it nowhere else), then
 * the location, which becomes the first region (the exact point stays on this device), then the subscription.
 */
export async function turnOnInOneTap(
	regionName: string,
	lang: Lang
): Promise<{ outcome: OneTapOutcome; regions: SavedRegion[] }> {
	const canPush = detectPushSupport() === 'supported';
	const permission = canPush ? await Notification.requestPermission() : 'denied';
	let position: GeolocationPosition;
	try {
		position = await currentPosition();
	} catch {
		return { outcome: 'noLocation', regions: [] };
	}
	const regions = [makeRegion(regionName, position.coords.latitude, position.coords.longitude)];
	await saveRegions(regions);
	if (!canPush || permission !== 'granted') return { outcome: 'regionOnly', regions };
	try {
		await withTimeout(turnOnAlerts(regions, lang), SUBSCRIBE_TIMEOUT_MS);
		return { outcome: 'alertsOn', regions };
	} catch {
		return { outcome: 'regionOnly', regions };
	}
}
