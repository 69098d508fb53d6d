import { Hono } from 'hono';
import { distanceToCellKm, encodeGeohash, REGION_PRECISION } from '../../src/lib/geo';
import { atomQuerySchema, type AtomQuery } from '../../src/lib/schemas';
import { listCapMessages } from '../db/cap-messages';
import type { CaseRow } from '../db/cases';
import {
	getFeedCase,
	listCasesWithMessagesSince,
	listPublicEvents,
	listRecentPublicCases,
	listSentMessages
} from '../db/feed-messages';
import type { Env } from '../env';
import { ApiError } from '../api/http/errors';
import { queryParams } from '../api/http/validate';
import { publicResponse } from '../public-http/cache';
import { publicCors } from '../public-http/cors';
import { edgeCache } from '../public-http/edge-cache';
import { signBody, signedTarget } from '../signing/http-signature';
import { signingKeys } from '../signing/keys';
import { atomFeed, type AtomItem } from './atom';
import { messagesOf, type CapMessage } from './cap-history';
import { capDocument } from './cap';
import { pfifDocument } from './pfif';

/** API.md: the Atom feed carries every CAP message of the last 7 days. */
const WINDOW_MS = 7 * 24 * 3_600_000;
/** Cases per feed document: far above what is open at once, small enough for one response. */
const MAX_CASES = 200;

async function signed(
	c: { env: Env; req: { url: string } },
	body: string,
	type: string
): Promise<Record<string, string>> {
	return signBody(await signingKeys(c.env), body, type, new Date(), signedTarget(c.req.url));
}

/**
 * The messages of a case the Atom feed still carries: all of them, except that once a case is cancelled only its
 * Cancel is left. Earlier messages named the child, and a published message is never rewritten (API.md), so
 * they leave the feed; the Cancel's `references` name them for those who kept them.
 */
function servedFrom(row: CaseRow, history: readonly CapMessage[]): number {
	if (row.status !== 'cancelled') return 0;
	const cancel = history.findIndex((message) => message.kind === 'cancelled');
	return cancel === -1 ? history.length - 1 : cancel;
}

/** The geohash-5 cell of an area query, or null for the whole feed. */
function areaCell(query: AtomQuery): string | null {
	const hasPoint = query.lat !== undefined || query.lon !== undefined;
	if (query.geohash && hasPoint) {
		throw new ApiError('validation_failed', 'Give either geohash or lat and lon, not both.', {
			field: 'geohash'
		});
	}
	if (query.geohash) return query.geohash;
	if (query.lat === undefined && query.lon === undefined) return null;
	if (query.lat === undefined || query.lon === undefined) {
		const field = query.lat === undefined ? 'lat' : 'lon';
		throw new ApiError('missing_location', `Give both lat and lon (${field} is missing), or a geohash.`, {
			field
		});
	}
	return encodeGeohash(query.lat, query.lon, REGION_PRECISION);
}

/** API.md "inside the radius", as /api/alerts applies it: the case's current circle holds the cell centre. */
function insideArea(row: CaseRow, cell: string | null): boolean {
	return cell === null || distanceToCellKm({ lat: row.lat, lon: row.lon }, cell) <= row.radius_km;
}

export const feeds = new Hono<{ Bindings: Env }>()
	.use(publicCors)
	.use(edgeCache)
	.get('/alerts.atom', queryParams(atomQuerySchema), async (c) => {
		const query = c.get('query');
		const cell = areaCell(query);
		const now = new Date();
		const since = new Date(now.getTime() - WINDOW_MS);
		const rows = (await listCasesWithMessagesSince(c.env.DB, since, MAX_CASES)).filter((row) =>
			insideArea(row, cell)
		);
		const ids = rows.map((row) => row.id);
		const [recorded, jobs] = await Promise.all([
			listCapMessages(c.env.DB, ids),
			listSentMessages(c.env.DB, ids)
		]);
		const items: AtomItem[] = rows.flatMap((row) => {
			const history = messagesOf(
				row,
				recorded,
				jobs.filter((job) => job.case_id === row.id)
			);
			const first = servedFrom(row, history);
			// Earlier messages stay in `history` for the references, but only the window's become entries.
			return history.flatMap((message, index) =>
				index >= first && Date.parse(message.sentAt) >= since.getTime() ? [{ row, history, index }] : []
			);
		});
		const origin = new URL(c.req.url).origin;
		const timeZone = c.env.PUBLIC_TIME_ZONE || 'UTC';
		const body = atomFeed({ origin, selfUrl: c.req.url, lang: query.lang, items, now, timeZone });
		const type = 'application/atom+xml; charset=utf-8';
		return publicResponse(c, body, await signed(c, body, type));
	})
	.get('/cap/:file', async (c) => {
		const file = c.req.param('file');
		const row = file.endsWith('.xml') ? await getFeedCase(c.env.DB, file.slice(0, -4)) : null;
		// Drafts, pending cases and exercises answer like unknown ids (API.md).
		if (!row) throw new ApiError('not_found', 'There is no public case with this id.');
		const [recorded, jobs] = await Promise.all([
			listCapMessages(c.env.DB, [row.id]),
			listSentMessages(c.env.DB, [row.id])
		]);
		const body = capDocument(row, messagesOf(row, recorded, jobs), new URL(c.req.url).origin);
		const type = 'application/cap+xml; charset=utf-8';
		return publicResponse(c, body, await signed(c, body, type));
	})
	.get('/pfif.xml', async (c) => {
		const rows = await listRecentPublicCases(c.env.DB, MAX_CASES);
		const events = await listPublicEvents(
			c.env.DB,
			rows.map((row) => row.id)
		);
		const persons = rows.map((row) => ({
			row,
			notes: events
				.filter((event) => event.case_id === row.id)
				.map((event) => ({ id: event.id, kind: event.kind, text: event.text, at: event.created_at }))
		}));
		const body = pfifDocument(persons, new URL(c.req.url).origin, c.env.PFIF_DOMAIN);
		const type = 'application/xml; charset=utf-8';
		return publicResponse(c, body, await signed(c, body, type));
	});
