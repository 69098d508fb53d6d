import type { MessageKey } from '../i18n';

export class PoliceApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly field?: string,
		/** outside_jurisdiction: the unit whose area holds the point (API.md "Police units"). */
		readonly unit?: { name: string }
	) {
		super(code);
	}

	/** Values for messageKey's placeholders. */
	get messageParams(): Record<string, string> {
		return this.unit ? { unit: this.unit.name } : {};
	}

	/** The console's own words for the errors a person can act on. */
	get messageKey(): MessageKey {
		if (this.code === 'unauthenticated') return 'police.badLogin';
		if (this.code === 'rate_limited') return 'police.throttled';
		if (this.code === 'forbidden') return 'police.notAllowed';
		if (this.code === 'passkey_required') return 'passkeys.required';
		if (this.code === 'passkey_failed') return 'passkeys.failed';
		if (this.code === 'conflict') return 'police.stale';
		if (this.code === 'outside_jurisdiction')
			return this.unit ? 'units.outsideJurisdictionOf' : 'units.outsideJurisdiction';
		if (this.code === 'higher_unit_required') return 'units.higherRequired';
		if (this.field === 'confirm') return 'police.nameMismatch';
		return 'police.error';
	}
}

const SIGN_IN_PATHS = ['/api/auth/login', '/api/auth/passkeys/sign-in'];

/**
 * Same-origin calls; the browser adds Origin and the session cookie (API.md "Police"). A body is sent as
 * JSON, except a Blob (a photo), which API.md says goes as itself with its own type.
 */
export async function policeApi<T>(
	method: string,
	path: string,
	body?: unknown,
	fetcher: typeof fetch = fetch
): Promise<T> {
	const blob = body instanceof Blob;
	const response = await fetcher(path, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': blob ? body.type : 'application/json' },
		body: body === undefined ? undefined : blob ? body : JSON.stringify(body),
		credentials: 'same-origin'
	});
	if (
		response.status === 401 &&
		!SIGN_IN_PATHS.some((p) => path.startsWith(p)) &&
		typeof location !== 'undefined'
	) {
		// The session ended (idle 30 min, 12 h, or disabled): back to sign-in, and then back here.
		location.assign(`/police/login?next=${encodeURIComponent(location.pathname)}`);
	}
	if (response.status === 204) return undefined as T;
	const json = (await response.json().catch(() => ({}))) as {
		error?: { code: string; field?: string; unit?: { name: string } };
	};
	if (!response.ok)
		throw new PoliceApiError(
			response.status,
			json.error?.code ?? 'internal',
			json.error?.field,
			json.error?.unit
		);
	return json as T;
}

export type { PoliceCase, PoliceUser } from '../schemas';

/** Devices inside a circle now; for an exercise only officers' registered devices count (they alone get it). */
export async function audienceCount(
	lat: number,
	lon: number,
	radiusKm: number,
	exercise: boolean
): Promise<number> {
	const query = new URLSearchParams({
		lat: String(lat),
		lon: String(lon),
		radiusKm: String(radiusKm),
		exercise: exercise ? '1' : '0'
	});
	return (await policeApi<{ subscribers: number }>('GET', `/api/police/audience?${query}`)).subscribers;
}
