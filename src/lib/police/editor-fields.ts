import {
	DEFAULT_RADIUS_KM,
	DEFAULT_RADIUS_SCHEDULE,
	effectiveSchedule,
	type RadiusStep,
	type Sex
} from '../schemas';
import type { PoliceCase } from './api';

export type CaseForm = ReturnType<typeof startingForm>;

// datetime-local works in local time without an offset; the API wants ISO 8601 with one.
const localInput = (iso: string) =>
	new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** The editor's fields, from the saved case or, for a new one, the defaults an officer starts from. */
export function startingForm(start: PoliceCase | null) {
	return {
		childName: start?.childName ?? '',
		// Age and sex start empty and are required: a default would put an invented fact on a real alert.
		age: (start?.age ?? null) as number | null,
		sex: (start?.sex ?? '') as Sex | '',
		heightCm: start?.heightCm ?? null,
		clothing: start?.clothing ?? '',
		description: start?.description ?? '',
		contactPhone: start?.contactPhone ?? '110',
		lastSeenAt: localInput(start?.lastSeenAt ?? new Date().toISOString()),
		placeName: start?.placeName ?? '',
		lat: start?.lat ?? null,
		lon: start?.lon ?? null,
		radiusKm: start?.radiusKm ?? DEFAULT_RADIUS_KM,
		circumstance: start?.circumstance ?? 'unknown',
		exercise: start?.exercise ?? false,
		// Tuanyuan's growing circle is proposed for every new case; the approver sees it and may remove it.
		radiusSchedule: (start ? (start.radiusSchedule ?? []) : DEFAULT_RADIUS_SCHEDULE).map((step) => ({
			...step
		}))
	};
}

/** The create or edit body. An emptied optional fact is sent as null on an edit, which clears it; a new case
 * simply leaves it out. An edit names the version it started from, so a stale one is refused (409). */
export function requestBody(form: CaseForm, existing: Pick<PoliceCase, 'version'> | null) {
	const cleared = existing ? null : undefined;
	return {
		...form,
		heightCm: form.heightCm || cleared,
		clothing: form.clothing.trim() || cleared,
		description: form.description.trim() || cleared,
		lastSeenAt: new Date(form.lastSeenAt).toISOString(),
		radiusSchedule: effectiveSchedule(form.radiusSchedule, form.radiusKm),
		...(existing ? { version: existing.version } : {})
	};
}

const FIELDS = [
	'childName',
	'age',
	'sex',
	'heightCm',
	'clothing',
	'description',
	'lastSeenAt',
	'contactPhone',
	'placeName',
	'lat',
	'lon',
	'radiusKm',
	'circumstance'
];

/**
 * The case editor's field for an API error path, or null for one it does not show. The API counts schedule
 * steps in the list sent, which leaves out steps inside the radius (effectiveSchedule), so the index is mapped
 * back to the step on screen.
 */
export function editorField(path: string, steps: RadiusStep[], radiusKm: number): string | null {
	if (FIELDS.includes(path)) return path;
	const step = /^radiusSchedule\.(\d+)\.(afterMinutes|radiusKm)$/.exec(path);
	if (!step) return path === 'radiusSchedule' || path.startsWith('radiusSchedule.') ? 'radiusSchedule' : null;
	const sent = steps.flatMap((s, index) => (s.radiusKm > radiusKm ? [index] : []));
	const index = sent[Number(step[1])];
	return index === undefined ? 'radiusSchedule' : `radiusSchedule.${index}.${step[2]}`;
}
