import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { Env } from '../../env';
import { ApiError } from './errors';

/** API.md: JSON request bodies over 16 KB are refused. */
export const MAX_JSON_BYTES = 16 * 1024;

type Validated<K extends string, T extends z.ZodType> = {
	Bindings: Env;
	Variables: { [key in K]: z.output<T> };
};

/** Turns the first schema issue into API.md's `validation_failed`, naming the field a person must fix. */
export function validationError(error: z.ZodError): ApiError {
	const issue = error.issues[0];
	const field = issue?.path.map(String).join('.') || undefined;
	const message = issue ? `${field ?? 'body'}: ${issue.message}` : 'The request is not valid.';
	return new ApiError('validation_failed', message, { field });
}

/** Reads, size-checks, parses and validates a JSON body; the result is `c.get('body')`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
	return createMiddleware<Validated<'body', T>>(async (c, next) => {
		const type = c.req.header('content-type') ?? '';
		// Exactly application/json, with parameters or none: `\b` also let application/json-patch+json through.
		if (!/^\s*application\/json\s*(?:;|$)/i.test(type)) {
			throw new ApiError(
				'unsupported_media_type',
				'Send the body as JSON with Content-Type: application/json.'
			);
		}
		// Hono's bodyLimit counts the bytes as they stream in (a chunked body declares no length) and stops at
		// the limit, so an oversized body is never buffered whole.
		let parsed: unknown;
		await jsonLimit(c, async () => {
			try {
				parsed = JSON.parse(new TextDecoder().decode(await c.req.arrayBuffer()));
			} catch {
				throw new ApiError('invalid_json', 'The body is not valid JSON.');
			}
		});
		const result = schema.safeParse(parsed);
		if (!result.success) throw validationError(result.error);
		c.set('body', result.data);
		await next();
	});
}

/** Validates the query string; the result is `c.get('query')`. */
export function queryParams<T extends z.ZodType>(schema: T) {
	return createMiddleware<Validated<'query', T>>(async (c, next) => {
		const result = schema.safeParse(c.req.query());
		if (!result.success) throw validationError(result.error);
		c.set('query', result.data);
		await next();
	});
}

const jsonLimit = bodyLimit({
	maxSize: MAX_JSON_BYTES,
	onError: () => {
		throw new ApiError('too_large', `The body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
	}
});
