import type { Unit, UnitArea } from '../../schemas';
import { PoliceApiError } from '../api';
import type { Problem } from '../form/problem';
import type { CircleDraft } from '../partners/area-form';

/** A unit as typed in the form: text until sent, so a half-typed number is not turned into 0. */
export interface UnitDraft {
	name: string;
	code: string;
	maxRadiusKm: string;
	circles: CircleDraft[];
	/** The whole country (division 100000), the one outline the Worker bundles. */
	wholeCountry: boolean;
}

export function draftOf(unit: Unit | null): UnitDraft {
	return {
		name: unit?.name ?? '',
		code: unit?.code ?? '',
		maxRadiusKm: unit?.maxRadiusKm === null || unit === null ? '' : String(unit.maxRadiusKm),
		circles: (unit?.area.circles ?? []).map((c) => ({
			lat: String(c.lat),
			lon: String(c.lon),
			radiusKm: String(c.radiusKm)
		})),
		wholeCountry: unit?.area.divisions?.includes('100000') ?? false
	};
}

// Number('') is 0, a valid latitude: an empty box must fail validation instead (NaN goes out as null).
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The fields PATCH/POST /api/police/units take; empty code and limit mean "none" (null). */
export function unitFields(draft: UnitDraft): {
	name: string;
	code: string | null;
	maxRadiusKm: number | null;
	area: UnitArea;
} {
	const circles = draft.circles
		.filter((c) => c.lat.trim() !== '' || c.lon.trim() !== '')
		.map((c) => ({ lat: toNumber(c.lat), lon: toNumber(c.lon), radiusKm: toNumber(c.radiusKm) }));
	return {
		name: draft.name.trim(),
		code: draft.code.trim() === '' ? null : draft.code.trim(),
		maxRadiusKm: draft.maxRadiusKm.trim() === '' ? null : toNumber(draft.maxRadiusKm),
		area: { ...(draft.wholeCountry ? { divisions: ['100000'] } : {}), circles }
	};
}

/** The units API's complaint, on the field the form shows for it. */
export function unitError(error: unknown): Problem {
	if (!(error instanceof PoliceApiError)) return { field: null, key: 'common.error' };
	const path = error.field ?? '';
	if (path === 'code') return { field: 'code', key: 'units.error.code' };
	if (path === 'name') return { field: 'name', key: 'units.error.name' };
	if (path === 'maxRadiusKm') return { field: 'maxRadiusKm', key: 'units.error.maxRadius' };
	if (path.startsWith('area')) return { field: 'area', key: 'units.error.area' };
	return { field: null, key: error.messageKey };
}
