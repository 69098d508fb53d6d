import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { getCaseRow, isPublic, type CaseRow } from '../../db/cases';
import { validateSession } from '../../db/sessions';
import type { Env } from '../../env';
import { SESSION_COOKIE } from '../auth/session';
import { ApiError } from '../http/errors';

/**
 * The only keys case photos are stored under (functions/api/police-photo.ts): `cases/<case id>/<digest>.<ext>`.
 * Anything else is unknown without asking R2, which refuses names over 1,024 bytes with an error, not a miss.
 */
const PHOTO_KEY = /^cases\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_-]{1,64}\.(?:jpg|png|webp)$/;

/**
 * Whom the public may see (API.md): published or resolved, not an exercise, and not withdrawn — a case cancelled
 * as sent in error keeps nothing of the child in public view, nor does one past its retention period, even if
 * deleting an object failed (the sweep deletes it first). A photo's URL is no secret (it travels in pushes,
 * shares and caches), so a draft's or a drill's photo is refused to the public like the case itself.
 */
function isPublicPhoto(row: CaseRow): boolean {
	return isPublic(row) && row.status !== 'cancelled' && !row.retained_at;
}

export const photos = new Hono<{ Bindings: Env }>().get('/:key{.+}', async (c) => {
	const key = c.req.param('key');
	// Case photos only (API.md): clues' photos share the bucket under tips/ and are for officers alone.
	const caseId = PHOTO_KEY.exec(key)?.[1];
	const row = caseId ? await getCaseRow(c.env.DB, caseId) : null;
	const visible = row ? isPublicPhoto(row) : false;
	// The console previews a draft's photo through the same URL: a signed-in officer may see any case's photo
	// that is still kept (not a withdrawn one).
	const police = row && !visible && !row.retained_at ? await hasPoliceSession(c) : false;
	const object = visible || police ? await c.env.PHOTOS.get(key) : null;
	if (!object) throw new ApiError('not_found', 'There is no photo with this name.');
	const headers = new Headers();
	object.writeHttpMetadata(headers);
	headers.set('ETag', object.httpEtag);
	// Photo keys change when the photo changes, so caching is safe; an hour, not a day, because a withdrawn
	// case's photo must leave shared caches soon after the case does. A photo seen only by police is never
	// stored by a shared cache.
	headers.set('Cache-Control', visible ? 'public, max-age=3600' : 'private, no-store');
	headers.set('X-Content-Type-Options', 'nosniff');
	return new Response(object.body, { headers });
});

async function hasPoliceSession(c: Context<{ Bindings: Env }>): Promise<boolean> {
	const token = getCookie(c, SESSION_COOKIE);
	return token ? (await validateSession(c.env.DB, token, Math.floor(Date.now() / 1000))) !== null : false;
}
