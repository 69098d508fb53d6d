// Runs inside workerd (the runtime the sender ships in): N messages per request, either through our sender
// (`?mode=ours`: encrypt + sign + build with a cached JWT) or through the RFC 8291 floor (`?mode=floor`).
import { buildPushRequest, encodeBase64Url, topicForCase, VapidSigner } from '../../functions/push';
import { rfc8291Floor } from './crypto-floor';

interface Env {
	VAPID_PUBLIC_KEY: string;
	VAPID_PRIVATE_KEY: string;
}

interface Subscriber {
	endpoint: string;
	keys: { p256dh: string; auth: string };
	/** The same keys as bytes, for the floor (it does no base64url work). */
	raw: { p256dh: Uint8Array<ArrayBuffer>; auth: Uint8Array<ArrayBuffer> };
}

const PAYLOAD = new TextEncoder().encode(
	JSON.stringify({ kind: 'alert', body: '测'.repeat(480) }).slice(0, 1536)
);
let prepared: Promise<{ signer: VapidSigner; subscribers: Subscriber[] }> | undefined;

async function prepare(env: Env) {
	const signer = await VapidSigner.create(
		{ publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY },
		'mailto:bench@reunion.example'
	);
	const subscribers: Subscriber[] = [];
	for (let i = 0; i < 64; i++) {
		const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
			'deriveBits'
		])) as CryptoKeyPair;
		const p256dh = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
		const auth = crypto.getRandomValues(new Uint8Array(16));
		subscribers.push({
			endpoint: `https://fcm.googleapis.com/fcm/send/bench-${i}`,
			keys: { p256dh: encodeBase64Url(p256dh), auth: encodeBase64Url(auth) },
			raw: { p256dh, auth }
		});
	}
	return { signer, subscribers };
}

export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		prepared ??= prepare(env);
		const { signer, subscribers } = await prepared;
		const params = new URL(request.url).searchParams;
		const n = Number(params.get('n') ?? '0');
		const topic = await topicForCase('bench-case');
		let bytes = 0;
		if (params.get('mode') === 'floor') {
			// The floor's "cached VAPID JWT": fetched once, as a header value would be.
			const authorization = await signer.authorization(subscribers[0]!.endpoint);
			for (let i = 0; i < n; i++) {
				const body = await rfc8291Floor(PAYLOAD, subscribers[i % subscribers.length]!.raw);
				bytes += body.byteLength + authorization.length;
			}
			return Response.json({ n, bytes });
		}
		for (let i = 0; i < n; i++) {
			const built = await buildPushRequest(
				{
					subscription: subscribers[i % subscribers.length]!,
					payload: PAYLOAD,
					topic,
					ttlSeconds: 86400,
					urgency: 'high'
				},
				signer
			);
			bytes += built.init.body.length;
		}
		return Response.json({ n, bytes });
	}
};
