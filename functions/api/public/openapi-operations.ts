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
	placesQuerySchema,
	placesResponseSchema,
	reverseQuerySchema,
	reverseResponseSchema,
	signedCaseResponseSchema,
	statsQuerySchema,
	statsSchema,
	subscribeSchema,
	subscriptionIdResponseSchema,
	tipCreateSchema,
	tipReceiptSchema,
	unsubscribeSchema
} from '../../../src/lib/schemas';
import { liveQuerySchema } from '../../../src/lib/schemas/live';
import { checkIdSchema, checkRequestSchema } from '../../../src/lib/schemas/subscription-check';

/** The public operations /api/openapi.json describes, each with the schemas the route validates and answers with. */

export type JsonSchema = Record<string, unknown>;
type Method = 'get' | 'post' | 'delete';

export interface Answer {
	description: string;
	/** A JSON body; a named component when it is one of COMPONENTS. */
	json?: z.ZodType;
	/** A body that is not JSON, e.g. `image/*`. */
	mediaType?: string;
	headers?: Record<string, string>;
}

export interface Operation {
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
export const COMPONENTS: Record<string, z.ZodType> = {
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

export const OPERATIONS: Operation[] = [
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
			200: {
				description: 'A retry with a clientId already stored: the first receipt',
				json: tipReceiptSchema
			},
			201: { description: 'Received; quote the reference when calling', json: tipReceiptSchema },
			400: invalid,
			404: notFound,
			409: { description: 'The case is closed', json: errorResponseSchema },
			429: limited
		}
	},
	{
		method: 'get',
		path: '/api/stats',
		operationId: 'getStats',
		summary:
			'Alerts published, children found, recovery rate and time, by circumstance and month; ' +
			'`unit=<code>` counts one police unit and the units below it',
		query: statsQuerySchema,
		responses: {
			200: { description: 'The statistics', json: statsSchema },
			304: revalidated,
			400: invalid,
			404: { description: 'No police unit has this code', json: errorResponseSchema }
		},
		crossOrigin: true
	},
	{
		method: 'get',
		path: '/api/places',
		operationId: 'searchPlaces',
		summary: 'Places of the built-in gazetteer matching a name, pinyin or coordinates (API.md "Places")',
		query: placesQuerySchema,
		responses: {
			200: { description: 'Matching places, best first', json: placesResponseSchema },
			400: invalid
		},
		crossOrigin: true
	},
	{
		method: 'get',
		path: '/api/places/reverse',
		operationId: 'reversePlace',
		summary: 'The named place a point lies in, or null',
		query: reverseQuerySchema,
		responses: { 200: { description: 'The place', json: reverseResponseSchema }, 400: invalid },
		crossOrigin: true
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
