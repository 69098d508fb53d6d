import { tipCreateSchema, type TipInput } from '../../../src/lib/schemas';
import { cleanTipPhoto, MAX_TIP_PHOTO_BYTES, TipPhotoError, type CleanPhoto } from '../../tips/photo';
import { ApiError } from '../http/errors';
import { MAX_JSON_BYTES, validationError } from '../http/validate';

// The photo plus the JSON part and multipart's own framing.
const MAX_MULTIPART_BYTES = MAX_TIP_PHOTO_BYTES + MAX_JSON_BYTES + 4096;

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;
const MULTIPART_TYPE = /^\s*multipart\/form-data\s*(?:;|$)/i;

export interface ReceivedTip {
	input: TipInput;
	photo: CleanPhoto | null;
}

/**
 * API.md "Tips": a JSON body, or multipart/form-data with a `tip` part (the same JSON) and an optional `photo`
 * part. The photo is checked and stripped here, before anything is stored.
 */
export async function readTipRequest(request: Request): Promise<ReceivedTip> {
	const type = request.headers.get('content-type') ?? '';
	// Exactly application/json (with parameters or none), as jsonBody() takes it: `\b` also matched
	// application/json-patch+json and application/json-seq.
	if (JSON_TYPE.test(type)) {
		const bytes = await readLimited(request, MAX_JSON_BYTES);
		return { input: parseTip(new TextDecoder().decode(bytes)), photo: null };
	}
	if (MULTIPART_TYPE.test(type)) return readMultipart(request, type);
	throw new ApiError(
		'unsupported_media_type',
		'Send the clue as JSON, or as multipart/form-data with a "tip" part and an optional "photo" part.'
	);
}

async function readMultipart(request: Request, type: string): Promise<ReceivedTip> {
	const bytes = await readLimited(request, MAX_MULTIPART_BYTES);
	let form: FormData;
	try {
		form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
	} catch {
		throw new ApiError('validation_failed', 'The multipart body cannot be read.', { field: 'tip' });
	}
	const tipPart = form.get('tip');
	const tipText = typeof tipPart === 'string' ? tipPart : tipPart ? await tipPart.text() : null;
	if (tipText === null)
		throw new ApiError('validation_failed', 'The "tip" part is missing.', { field: 'tip' });
	if (new TextEncoder().encode(tipText).length > MAX_JSON_BYTES)
		throw new ApiError('too_large', `The "tip" part is larger than ${MAX_JSON_BYTES / 1024} KB.`);
	const input = parseTip(tipText);
	const photoPart = form.get('photo');
	if (photoPart === null) return { input, photo: null };
	if (typeof photoPart === 'string')
		throw new ApiError('validation_failed', 'The "photo" part must be a file.', { field: 'photo' });
	try {
		return { input, photo: cleanTipPhoto(new Uint8Array(await photoPart.arrayBuffer()), photoPart.type) };
	} catch (error) {
		if (!(error instanceof TipPhotoError)) throw error;
		const code = photoPart.size > MAX_TIP_PHOTO_BYTES ? 'too_large' : 'validation_failed';
		throw new ApiError(code, error.message, { field: 'photo' });
	}
}

function parseTip(text: string): TipInput {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new ApiError('invalid_json', 'The clue is not valid JSON.');
	}
	const result = tipCreateSchema.safeParse(parsed);
	if (!result.success) throw validationError(result.error);
	return result.data;
}

/** Reads at most `limit` bytes: a declared or actual body beyond it is refused without holding all of it. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
	if (Number(request.headers.get('content-length') ?? '0') > limit) throw tooLarge(limit);
	const reader = request.body?.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	while (reader) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > limit) {
			await reader.cancel();
			throw tooLarge(limit);
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return bytes;
}

function tooLarge(limit: number): ApiError {
	return new ApiError('too_large', `The clue is larger than ${Math.round(limit / 1024)} KB.`);
}
