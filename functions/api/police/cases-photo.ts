import { Hono } from 'hono';
import { deliverAnnouncement, recordCaseChange } from '../../case-changes';
import { withAudit } from '../../db/audit';
import { setPhotoStatement } from '../../db/case-edits';
import { inspectImage, ImageError, sniffImageType, type ImageType } from '../../images/inspect';
import { stripMetadata } from '../../images/strip';
import { toBase64Url } from '../../lib/hash';
import { ApiError } from '../http/errors';
import { actorEntry } from '../http/audit-entry';
import { loadCase, requireStatus } from './case-actions';
import type { PoliceEnv } from '../auth/session';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The console resizes to ≤ 1600 px before upload; anything larger did not come from it. */
export const MAX_PHOTO_PIXELS = 1600;
const ACCEPTED: Record<string, ImageType> = {
	'image/jpeg': 'image/jpeg',
	'image/png': 'image/png',
	'image/webp': 'image/webp'
};
const EXTENSION: Record<ImageType, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

async function readImage(request: Request): Promise<{ bytes: Uint8Array; type: ImageType }> {
	const declared = ACCEPTED[(request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()];
	if (!declared)
		throw new ApiError('unsupported_media_type', 'Send the photo as image/jpeg, image/png or image/webp.');
	if (Number(request.headers.get('content-length') ?? 0) > MAX_PHOTO_BYTES)
		throw new ApiError('too_large', 'The photo is larger than 5 MB.');
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError('too_large', 'The photo is larger than 5 MB.');
	if (sniffImageType(bytes) !== declared)
		throw new ApiError('validation_failed', 'The file is not the image type it claims to be.', {
			field: 'photo'
		});
	return { bytes, type: declared };
}

export const policePhoto = new Hono<PoliceEnv>().put('/:id/photo', async (c) => {
	const row = await loadCase(c, c.req.param('id'));
	requireStatus(row, 'draft', 'pending', 'published');
	const { bytes, type } = await readImage(c.req.raw);
	let clean: Uint8Array;
	try {
		const info = inspectImage(bytes);
		if (info.width < 32 || info.height < 32 || Math.max(info.width, info.height) > MAX_PHOTO_PIXELS) {
			throw new ApiError(
				'validation_failed',
				`The photo must be 32–${MAX_PHOTO_PIXELS} pixels on each side.`,
				{ field: 'photo' }
			);
		}
		clean = stripMetadata(bytes, type);
	} catch (error) {
		if (error instanceof ImageError)
			throw new ApiError('validation_failed', `The photo cannot be read: ${error.message}.`, {
				field: 'photo'
			});
		throw error;
	}
	// A content-derived name: a new photo gets a new URL, so caches never serve the old one.
	const digest = toBase64Url(await crypto.subtle.digest('SHA-256', clean as Uint8Array<ArrayBuffer>)).slice(
		0,
		16
	);
	const key = `cases/${row.id}/${digest}.${EXTENSION[type]}`;
	await c.env.PHOTOS.put(key, clean, {
		httpMetadata: { contentType: type, cacheControl: 'public, max-age=86400' }
	});
	const entry = await actorEntry(c, 'photo', row.id);
	const now = new Date();
	const announcement = recordCaseChange(c.env.DB, row.id, { kind: 'photo' }, now);
	const [update] = await withAudit(c.env, entry, [
		setPhotoStatement(c.env.DB, row, key, now),
		announcement.statement
	]);
	if (!update || update.meta.changes === 0) {
		// The same image uploaded twice at once has the same key: the winner's case points at it, so it stays.
		const current = await loadCase(c, row.id);
		if (current.photo_key !== key) await c.env.PHOTOS.delete(key);
		throw new ApiError('conflict', 'The case changed meanwhile. Reload it and try again.');
	}
	// A published case's old photo stays: alerts already sent (and held up to 24 h for phones that are off)
	// still point at it.
	if (
		row.photo_key &&
		row.photo_key !== key &&
		!row.photo_key.startsWith('demo/') &&
		row.status !== 'published'
	)
		await c.env.PHOTOS.delete(row.photo_key);
	await deliverAnnouncement(c.env, announcement.id, await loadCase(c, row.id), now);
	return c.json({ photoUrl: `/api/photos/${key}`, version: row.version + 1 });
});
