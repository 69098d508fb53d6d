import type { PushMessage } from '../../src/lib/push/notification';

// One definition, shared with the service worker that shows the notification.
export type { PushMessage };

/**
 * Our budget for a push message's JSON. RFC 8291 §4 allows 3993 bytes of plaintext; a margin below that keeps
 * room for fields added later and for push services that count the 4096 bytes differently.
 */
export const MAX_MESSAGE_BYTES = 3000;
const ELLIPSIS = '…';
const encoder = new TextEncoder();

/** Even with the body and title cut to nothing, the message exceeds the budget (e.g. an absurd URL). */
export class PushMessageTooLargeError extends Error {
	constructor(
		readonly bytes: number,
		readonly limit: number
	) {
		super(`push message of ${bytes} bytes exceeds ${limit} even after truncating body and title`);
		this.name = 'PushMessageTooLargeError';
	}
}

function encode(message: PushMessage): Uint8Array<ArrayBuffer> {
	return encoder.encode(JSON.stringify(message));
}

// The longest prefix of `field` (whole code points, so no surrogate pair is split) plus an ellipsis that keeps
// the JSON within `limit`; undefined when even the empty prefix does not fit. Binary search: O(log n) encodes.
function truncateField(
	message: PushMessage,
	field: 'body' | 'title',
	limit: number
): Uint8Array<ArrayBuffer> | undefined {
	const points = Array.from(message[field]);
	const attempt = (count: number) =>
		encode({ ...message, [field]: count === 0 ? '' : points.slice(0, count).join('') + ELLIPSIS });
	let best = attempt(0);
	if (best.length > limit) return undefined;
	let [low, high] = [1, points.length - 1];
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const bytes = attempt(middle);
		if (bytes.length <= limit) [best, low] = [bytes, middle + 1];
		else high = middle - 1;
	}
	return best;
}

/**
 * The message as UTF-8 JSON of at most `limit` bytes: when too long, the body is cut (by code points, with
 * "…"); if that is not enough the body is emptied and the title cut too. Every other field is kept intact.
 * @throws {PushMessageTooLargeError} when the remaining fields alone exceed `limit`.
 */
export function encodePushMessage(message: PushMessage, limit = MAX_MESSAGE_BYTES): Uint8Array<ArrayBuffer> {
	const whole = encode(message);
	if (whole.length <= limit) return whole;
	const cutBody = truncateField(message, 'body', limit);
	if (cutBody) return cutBody;
	const cutTitle = truncateField({ ...message, body: '' }, 'title', limit);
	if (cutTitle) return cutTitle;
	throw new PushMessageTooLargeError(encode({ ...message, body: '', title: '' }).length, limit);
}
