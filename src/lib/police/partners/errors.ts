import { PoliceApiError } from '../api';
import type { Problem } from '../form/problem';

/** The partner form's fields, and the console's words for an API error naming one of them. */
const FIELDS = ['name', 'url', 'area', 'events'] as const;

export function partnerError(error: unknown): Problem {
	if (!(error instanceof PoliceApiError)) return { field: null, key: 'common.error' };
	// "area.circles.0.lat" belongs to the area fieldset, "events.1" to the events one.
	const field = FIELDS.find((f) => error.field === f || error.field?.startsWith(`${f}.`));
	if (field) return { field, key: `partners.error.${field}` };
	return { field: null, key: error.messageKey };
}
