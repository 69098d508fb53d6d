/** RFC 4648 §5 base64url without padding, as Web Push keys and JWTs use it. */
export function encodeBase64Url(bytes: ArrayBuffer | Uint8Array): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	let binary = '';
	for (let i = 0; i < view.length; i += 0x8000)
		binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const normal = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
	const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
