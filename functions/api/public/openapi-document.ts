import { z } from 'zod';
import {
	alertsQuerySchema,
	alertsResponseSchema,
	caseSchema,
	caseSummarySchema,
	checkStartedSchema,
	checkStatusSchema,
	configResponseSchema,
	errorResponseSchema,
	healthResponseSchema,
	signedCaseResponseSchema,
	subscribeSchema,
	subscriptionIdResponseSchema,
	tipCreateSchema,
	tipReceiptSchema,
	unsubscribeSchema
} from '../../../src/lib/schemas';
import { liveQuerySchema } from '../../../src/lib/schemas/live';
import { checkIdSchema, checkRequestSchema } from '../../../src/lib/schemas/subscription-check';

/**
 * GET /api/openapi.json (API.md): the public API described from the very schemas that validate its requests and
 * shape its answers, so the document cannot drift from the code. tests/integration/openapi.test.ts fails when a
 * public route is mounted without an entry here.
 */

type JsonSchema = Record<string, unknown>;
type Method = 'get' | 'post' | 'delete';

interface Answer {
	description: string;
	/** A JSON body; a named component when it is one of COMPONENTS. */
	json?: z.ZodType;
	/** A body that is not JSON, e.g. `image/*`. */
	mediaType?: string;
	headers?: Record<string, string>;
}

interface Operation {
	method: Method;
	/** As OpenAPI writes it: `/api/cases/{id}`. */
	path: string;
	operationId: string;
	summary: string;
	query?: z.ZodObject;
	params?: Record<string, z.ZodType>;
	body?: z.ZodType;
	responses: Record<string, Answer>;
	/** Public GETs answer any origin (API.md: CORS * on GET); writes stay same-origin. */
	crossOrigin?: boolean;
}

/** Named in components.schemas: the answers a client most likely wants to type. */
const COMPONENTS: Record<string, z.ZodType> = {
	Error: errorResponseSchema,
	CaseSummary: caseSummarySchema,
	Case: caseSchema,
	Alerts: alertsResponseSchema,
	SignedPublicCase: signedCaseResponseSchema
};

const idParam = { id: z.string().min(1) };
const notFound: Answer = { description: 'Unknown, or not public', json: errorResponseSchema };
const invalid: Answer = {
	description: 'Invalid input (`validation_failed` and the field)',
	json: errorResponseSchema
};
const limited: Answer = {
	description: 'Rate limited',
	json: errorResponseSchema,
	headers: { 'Retry-After': 'Seconds to wait' }
};
const authMismatch: Answer = {
	description: 'The auth secret does not match the subscription',
	json: errorResponseSchema
};
const revalidated: Answer = { description: 'Not modified (If-None-Match matched the ETag)' };

const OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/health',
		operationId: 'health',
		summary: 'Liveness',
		responses: { 200: { description: 'Up', json: healthResponseSchema } },
		crossOrigin: true
	},
	{
		method: 'get',
		path: '/api/config',
		operationId: 'config',
		summary: 'The VAPID public key and the default radius',
		responses: {
			200: { description: 'Push configuration', json: configResponseSchema },
			404: { description: 'Push is not configured on this server', json: errorResponseSchema }
		},
		crossOrigin: true
	},
	{
		method: 'get',
		path: '/api/alerts',
		operationId: 'listAlerts',
		summary:
			'Published alerts whose radius covers a place (geohash-5 or lat+lon), newest first, each signed; ' +
			'`include=closed` adds cases resolved or cancelled in the last 24 h',
		query: alertsQuerySchema,
		responses: {
			200: { description: 'Signed alerts', json: alertsResponseSchema },
			304: revalidated,
			400: { description: 'Invalid input, or no location (`missing_location`)', json: errorResponseSchema }
		},
		crossOrigin: true
	},
	{
		method: 'get',
		path: '/api/cases/{id}',
		operationId: 'getCase',
		summary: 'A public case, signed; a cancelled case keeps only that it was withdrawn',
		params: idParam,
		responses: {
			200: { description: 'The case', json: signedCaseResponseSchema },
			304: revalidated,
			404: notFound
		},
		crossOrigin: true
	},
	{
		method: 'post',
		path: '/api/cases/{id}/tips',
		operationId: 'sendTip',
		summary: 'Tell the police what you saw',
		params: idParam,
		body: tipCreateSchema,
		responses: {
			201: { description: 'Received; quote the reference when calling', json: tipReceiptSchema },
			400: invalid,
			404: notFound,
			409: { description: 'The case is closed', json: errorResponseSchema },
			429: limited
		}
	},
	{
		method: 'get',
		path: '/api/photos/{key}',
		operationId: 'getPhoto',
		summary: 'A case photo (`cases/<case id>/<digest>.<jpg|png|webp>`, as in photoUrl)',
		params: { key: z.string() },
		responses: { 200: { description: 'The image', mediaType: 'image/*' }, 404: notFound },
		crossOrigin: true
	},
	{
		method: 'post',
		path: '/api/subscriptions',
		operationId: 'subscribe',
		summary: 'Subscribe a Web Push subscription to 1–3 regions (geohash-5)',
		body: subscribeSchema,
		responses: {
			200: { description: 'Updated', json: subscriptionIdResponseSchema },
			201: { description: 'Created', json: subscriptionIdResponseSchema },
			400: invalid,
			403: authMismatch,
			429: limited
		}
	},
	{
		method: 'delete',
		path: '/api/subscriptions',
		operationId: 'unsubscribe',
		summary: 'Unsubscribe (also when already gone)',
		body: unsubscribeSchema,
		responses: { 204: { description: 'Gone' }, 400: invalid, 403: authMismatch }
	},
	{
		method: 'post',
		path: '/api/subscriptions/check',
		operationId: 'startDeliveryCheck',
		summary: 'Send a test push; the service worker reports its receipt',
		body: checkRequestSchema,
		responses: {
			202: { description: 'Sent to the push service', json: checkStartedSchema },
			400: invalid,
			403: authMismatch,
			404: { description: 'This browser is not subscribed', json: errorResponseSchema },
			429: limited
		}
	},
	{
		method: 'get',
		path: '/api/subscriptions/check/{checkId}',
		operationId: 'getDeliveryCheck',
		summary: 'Where a delivery check stands',
		params: { checkId: checkIdSchema },
		responses: { 200: { description: 'Its state', json: checkStatusSchema }, 404: notFound }
	},
	{
		method: 'post',
		path: '/api/subscriptions/check/{checkId}/received',
		operationId: 'receiveDeliveryCheck',
		summary: 'The service worker reports that the test push arrived',
		params: { checkId: checkIdSchema },
		responses: {
			204: { description: 'Recorded' },
			404: notFound,
			409: { description: 'Already decided or expired', json: errorResponseSchema }
		}
	},
	{
		method: 'get',
		path: '/api/live',
		operationId: 'liveAlerts',
		summary: 'A WebSocket of alert changes in 1–3 geohash-3 cells (API.md "Live alerts")',
		query: liveQuerySchema,
		responses: {
			101: { description: 'Switching to the WebSocket' },
			400: invalid,
			426: { description: 'Not a WebSocket upgrade', json: errorResponseSchema }
		}
	},
	{
		method: 'get',
		path: '/api/openapi.json',
		operationId: 'openapi',
		summary: 'This document',
		responses: { 200: { description: 'OpenAPI 3.1', mediaType: 'application/json' } },
		crossOrigin: true
	}
];

/** Request schemas describe what a client sends (defaults optional, query strings as text). */
function inputSchema(schema: z.ZodType): JsonSchema {
	return strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }));
}

function strip(schema: JsonSchema): JsonSchema {
	const { $schema: _dialect, ...rest } = schema;
	return rest;
}

function componentsSchemas(): Record<string, JsonSchema> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
	const { schemas } = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		io: 'output',
		unrepresentable: 'any',
		uri: (id) => `#/components/schemas/${id}`
	});
	return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, strip(schema)]));
}

function outputSchema(schema: z.ZodType): JsonSchema {
	const named = Object.entries(COMPONENTS).find(([, component]) => component === schema);
	if (named) return { $ref: `#/components/schemas/${named[0]}` };
	return strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }));
}

function parameters(operation: Operation): JsonSchema[] {
	const path = Object.entries(operation.params ?? {}).map(([name, schema]) => ({
		name,
		in: 'path',
		required: true,
		schema: inputSchema(schema)
	}));
	if (!operation.query) return path;
	const query = inputSchema(operation.query) as {
		properties?: Record<string, JsonSchema>;
		required?: string[];
	};
	const fields = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
		name,
		in: 'query',
		required: query.required?.includes(name) ?? false,
		schema
	}));
	return [...path, ...fields];
}

function answer(status: string, { description, json, mediaType, headers }: Answer, crossOrigin: boolean) {
	const allHeaders = { ...headers, ...(crossOrigin ? { 'Access-Control-Allow-Origin': 'Always `*`' } : {}) };
	return {
		description,
		...(json ? { content: { 'application/json': { schema: outputSchema(json) } } } : {}),
		...(mediaType ? { content: { [mediaType]: {} } } : {}),
		...(Object.keys(allHeaders).length && status !== '304'
			? {
					headers: Object.fromEntries(
						Object.entries(allHeaders).map(([name, text]) => [
							name,
							{ description: text, schema: { type: 'string' } }
						])
					)
				}
			: {})
	};
}

function operationObject(operation: Operation): JsonSchema {
	const params = parameters(operation);
	return {
		operationId: operation.operationId,
		summary: operation.summary,
		...(params.length ? { parameters: params } : {}),
		...(operation.body
			? {
					requestBody: {
						required: true,
						content: { 'application/json': { schema: inputSchema(operation.body) } }
					}
				}
			: {}),
		responses: Object.fromEntries(
			Object.entries(operation.responses).map(([status, value]) => [
				status,
				answer(status, value, operation.crossOrigin ?? false)
			])
		)
	};
}

/** The OpenAPI 3.1 document, without `servers` (the route adds the origin it was asked on). */
export function buildOpenApiDocument(): JsonSchema {
	const paths: Record<string, Record<string, JsonSchema>> = {};
	for (const operation of OPERATIONS) {
		paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Reunion public API',
			version: '1',
			description:
				'Missing-child alerts near a place, signed with the keys in /.well-known/reunion-keys.json. ' +
				'Errors answer `{ "error": { "code", "message", "field"? } }`.',
			license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' }
		},
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		paths,
		components: { schemas: componentsSchemas() }
	};
}
