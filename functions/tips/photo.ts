import { ImageError, inspectImage, sniffImageType, type ImageType } from '../images/inspect';
import { stripMetadata } from '../images/strip';
import { randomId } from '../lib/hash';

/** API.md "Tips": JPEG/PNG/WebP, ≤ 5 MB, ≤ 1600 px; the page resizes first, so a larger one did not come from it. */
export const MAX_TIP_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_TIP_PHOTO_PIXELS = 1600;
// Smaller than this is not a photo of anything an officer could use (and is how tracking pixels look).
const MIN_TIP_PHOTO_PIXELS = 32;

const EXTENSION: Record<ImageType, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

export class TipPhotoError extends Error {}

export interface CleanPhoto {
	bytes: Uint8Array;
	type: ImageType;
}

/**
 * Checks a clue's photo by its bytes (never by the type the sender declared) and strips its metadata: a phone
 * photo's EXIF carries where the sender stood and which phone they own, which police do not need and must not keep.
 */
export function cleanTipPhoto(bytes: Uint8Array, declaredType: string): CleanPhoto {
	if (bytes.length > MAX_TIP_PHOTO_BYTES) throw new TipPhotoError('The photo is larger than 5 MB.');
	const type = sniffImageType(bytes);
	if (!type) throw new TipPhotoError('The photo must be a JPEG, PNG or WebP image.');
	const declared = declaredType.split(';')[0]!.trim().toLowerCase();
	if (declared && declared !== 'application/octet-stream' && declared !== type)
		throw new TipPhotoError('The file is not the image type it claims to be.');
	try {
		const { width, height } = inspectImage(bytes);
		const longest = Math.max(width, height);
		if (Math.min(width, height) < MIN_TIP_PHOTO_PIXELS || longest > MAX_TIP_PHOTO_PIXELS)
			throw new TipPhotoError(
				`The photo must be ${MIN_TIP_PHOTO_PIXELS}–${MAX_TIP_PHOTO_PIXELS} pixels on each side.`
			);
		return { bytes: stripMetadata(bytes, type), type };
	} catch (error) {
		if (error instanceof ImageError) throw new TipPhotoError(`The photo cannot be read: ${error.message}.`);
		throw error;
	}
}

/**
 * Tip photos live under their own prefix, which `/api/photos` refuses to serve: only an officer reaches them,
 * through `/api/police/tips/:id/photo`. The random name keeps two clues' photos apart even for identical bytes.
 */
export function tipPhotoKey(caseId: string, type: ImageType): string {
	return `${TIP_PHOTO_PREFIX}${caseId}/${randomId(12)}.${EXTENSION[type]}`;
}

export const TIP_PHOTO_PREFIX = 'tips/';
