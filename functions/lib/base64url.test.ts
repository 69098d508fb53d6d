import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64UrlError, concatBytes, decodeBase64Url, encodeBase64Url } from './base64url';

describe('base64url (RFC 4648 §5)', () => {
	it('round-trips any bytes and agrees with Node’s encoder', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				const text = encodeBase64Url(bytes);
				expect(text).toBe(Buffer.from(bytes).toString('base64url'));
				expect(decodeBase64Url(text)).toEqual(bytes);
				expect(decodeBase64Url(`${text}${'='.repeat((4 - (text.length % 4)) % 4)}`)).toEqual(bytes);
			})
		);
	});

	it('encodes large arrays (beyond the argument-count limit of String.fromCharCode)', () => {
		const bytes = new Uint8Array(200_000).map((_, i) => i % 256);
		expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
	});

	it.each(['a+b/', 'ab cd', 'abcde', '€'])('rejects %j', (text) => {
		expect(() => decodeBase64Url(text)).toThrow(Base64UrlError);
	});

	it('concatenates', () => {
		expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(
			Uint8Array.of(1, 2, 3)
		);
	});
});
