import type { PartnerArea } from '../../schemas';

/** A circle as typed: text until sent, so a half-typed number is not turned into 0. */
export interface CircleDraft {
	lat: string;
	lon: string;
	radiusKm: string;
}

export const blankCircle = (): CircleDraft => ({ lat: '', lon: '', radiusKm: '50' });

/** "wtw, wx4g  wtm" → ["wtw", "wx4g", "wtm"]: what an admin types, as the API takes it. */
export function parseGeohashes(text: string): string[] {
	return text
		.split(/[\s,，]+/)
		.map((part) => part.trim().toLowerCase())
		.filter(Boolean);
}

// Number('') is 0, a valid latitude: an empty box must fail validation instead (NaN goes out as null).
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The area as the API takes it. Circles left wholly blank are not sent; a half-filled one is, so the API can say
 * what is wrong with it.
 */
export function areaFromDraft(circles: CircleDraft[], geohashes: string): PartnerArea {
	return {
		circles: circles
			.filter((c) => c.lat.trim() !== '' || c.lon.trim() !== '')
			.map((c) => ({ lat: toNumber(c.lat), lon: toNumber(c.lon), radiusKm: toNumber(c.radiusKm) })),
		geohashes: parseGeohashes(geohashes)
	};
}
