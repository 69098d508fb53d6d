import { tick } from 'svelte';
import type { MessageKey } from '../../i18n';
import { PoliceApiError } from '../api';

/** A failed request in the console's words; `field` is the form's own name for the input to blame. */
export interface Problem {
	key: MessageKey;
	field: string | null;
	/** Values for the message's placeholders (e.g. the unit that covers a point). */
	params?: Record<string, string>;
}

/**
 * Reads an API error (API.md: `{ error: { code, field? } }`) for one form. `toField` maps the API's field
 * path to a field the form shows, or null; a path the form does not show falls back to a general message,
 * because a raw path like "radiusSchedule.0.afterMinutes" means nothing to an officer.
 */
export function problemFrom(error: unknown, toField: (path: string) => string | null): Problem {
	if (!(error instanceof PoliceApiError)) return { key: 'common.error', field: null };
	const field = error.field ? toField(error.field) : null;
	const key = error.messageKey;
	const params = error.messageParams;
	return {
		key: field && key === 'police.error' ? 'console.fieldInvalid' : key,
		field,
		...(Object.keys(params).length ? { params } : {})
	};
}

/** The id of a field's error line, for aria-describedby. Dots stay: they are valid in an id. */
export const errorId = (formId: string, field: string) => `${formId}-${field}-error`;

/** aria-invalid and aria-describedby for an input, joined with any description it already has. */
export function invalidAttributes(
	problem: Problem | null,
	formId: string,
	field: string,
	describedBy?: string
): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	if (problem?.field !== field) return describedBy ? { 'aria-describedby': describedBy } : {};
	const ids = [describedBy, errorId(formId, field)].filter(Boolean).join(' ');
	return { 'aria-invalid': 'true', 'aria-describedby': ids };
}

/** Moves focus to the first field marked invalid, or else to the first error line, once it is on screen. */
export async function focusProblem(within: HTMLElement | undefined): Promise<void> {
	await tick();
	within?.querySelector<HTMLElement>('[aria-invalid="true"], [data-field-error]')?.focus();
}
