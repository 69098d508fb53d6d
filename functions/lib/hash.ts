const encoder = new TextEncoder();

export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	let binary = '';
	for (const byte of view) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Base64Url(text: string): Promise<string> {
	return toBase64Url(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** HMAC-SHA-256, so that what we store about a client address cannot be reversed by a dictionary of IPs. */
export async function keyedHash(secret: string, text: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		encoder.encode(secret),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	return toBase64Url(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

/** A random id of `bytes` bytes (≥ 16 gives ≥ 128 bits), base64url. */
export function randomId(bytes = 16): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
