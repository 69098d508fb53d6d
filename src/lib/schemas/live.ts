import { z } from 'zod';
import { isGeohash, LIVE_CELL_PRECISION } from '../geo';
import { MAX_LIVE_CELLS } from './live-limits';
import { cancelledCaseSchema, caseSummarySchema } from './public-responses';

export { LIVE_PING, MAX_LIVE_CELLS } from './live-limits';

/** `GET /api/live?cells=w3g,wtw`: distinct geohash-3 cells, comma-separated. */
export const liveQuerySchema = z.object({
	cells: z
		.string()
		.transform((value) => [...new Set(value.split(','))])
		.refine((cells) => cells.length >= 1 && cells.length <= MAX_LIVE_CELLS, {
			message: `give 1–${MAX_LIVE_CELLS} cells, comma-separated`
		})
		.refine((cells) => cells.every((cell) => isGeohash(cell, LIVE_CELL_PRECISION)), {
			message: `each cell is a ${LIVE_CELL_PRECISION}-character geohash`
		})
});

export const LIVE_KINDS = ['alert', 'update', 'resolved', 'cancelled'] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

/**
 * What the server sends on the socket. `at` (when the change happened, an addition to API.md's shape) tells one
 * update from the next, so a device announces each once: updates do not change the case's version.
 */
export const liveMessageSchema = z.union([
	z.object({
		type: z.literal('case'),
		kind: z.enum(['alert', 'update', 'resolved']),
		// API.md: the case as every public list shows it.
		case: caseSummarySchema,
		at: z.iso.datetime({ offset: true }).optional()
	}),
	z.object({
		type: z.literal('case'),
		kind: z.literal('cancelled'),
		// A withdrawn case is `{ id, status, cancelledAt }` on every surface: a page that showed the child already
		// holds the details, and one that did not must not learn them now.
		case: cancelledCaseSchema,
		at: z.iso.datetime({ offset: true }).optional()
	}),
	z.object({ type: z.literal('ping') })
]);

export type LiveMessage = z.infer<typeof liveMessageSchema>;
export type LiveCaseMessage = Extract<LiveMessage, { type: 'case' }>;
