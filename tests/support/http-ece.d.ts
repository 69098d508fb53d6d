// http_ece ships no types; only what the test peer uses.
declare module 'http_ece' {
	import type { ECDH } from 'node:crypto';
	export function decrypt(
		buffer: Buffer,
		params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }
	): Buffer;
	export function encrypt(buffer: Buffer, params: Record<string, unknown>): Buffer;
}
