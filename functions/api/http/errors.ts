import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The error codes of API.md; each always goes out with the same status. */
export const ERROR_STATUS = {
	invalid_json: 400,
	validation_failed: 400,
	endpoint_not_allowed: 400,
	passkey_failed: 400,
	passkey_unavailable: 400,
	missing_location: 400,
	unauthenticated: 401,
	forbidden: 403,
	cross_origin: 403,
	auth_mismatch: 403,
	passkey_required: 403,
	outside_jurisdiction: 403,
	higher_unit_required: 403,
	not_found: 404,
	conflict: 409,
	too_large: 413,
	unsupported_media_type: 415,
	rate_limited: 429,
	upgrade_required: 426,
	internal: 500
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A police unit an error points to (outside_jurisdiction: the unit whose area holds the point). */
export interface ErrorUnit {
	id: string;
	code: string | null;
	name: string;
}

export interface ErrorBody {
	error: { code: ErrorCode; message: string; field?: string; unit?: ErrorUnit };
}

/** An expected failure: `app.onError` turns it into API.md's error shape. */
export class ApiError extends HTTPException {
	readonly code: ErrorCode;
	readonly field?: string;
	readonly headers?: Record<string, string>;
	readonly unit?: ErrorUnit;

	constructor(
		code: ErrorCode,
		message: string,
		options: { field?: string; headers?: Record<string, string>; unit?: ErrorUnit } = {}
	) {
		super(ERROR_STATUS[code], { message });
		this.code = code;
		this.field = options.field;
		this.headers = options.headers;
		this.unit = options.unit;
	}

	toBody(): ErrorBody {
		return {
			error: {
				code: this.code,
				message: this.message,
				...(this.field ? { field: this.field } : {}),
				...(this.unit ? { unit: this.unit } : {})
			}
		};
	}
}

/** 429 with how long to wait (RFC 9110 Retry-After, whole seconds, at least 1). */
export function rateLimited(message: string, retryAfterSeconds: number): ApiError {
	return new ApiError('rate_limited', message, {
		headers: { 'Retry-After': String(Math.max(1, retryAfterSeconds)) }
	});
}

/** The endpoint is stored with another auth secret: the caller may have learnt the endpoint, not the device. */
export function authMismatchError(field = 'subscription.keys.auth'): ApiError {
	return new ApiError('auth_mismatch', 'The auth key does not match this subscription.', { field });
}
