import type { RadiusStep } from '../schemas';

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
