// Runs inside workerd (the runtime the sender ships in): N encrypt + sign + build cycles with a cached JWT.
import { buildPushRequest, encodeBase64Url, topicForCase, VapidSigner } from '../../functions/push';

interface Env {
	VAPID_PUBLIC_KEY: string;
	VAPID_PRIVATE_KEY: string;
}

const PAYLOAD = new TextEncoder().encode(
	JSON.stringify({ kind: 'alert', body: '测'.repeat(480) }).slice(0, 1536)
);
let prepared:
	| Promise<{
			signer: VapidSigner;
			subscribers: Array<{ endpoint: string; keys: { p256dh: string; auth: string } }>;
	  }>
	| undefined;

async function prepare(env: Env) {
	const signer = await VapidSigner.create(
		{ publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY },
		'mailto:bench@reunion.example'
	);
	const subscribers = [];
	for (let i = 0; i < 64; i++) {
		const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
			'deriveBits'
		])) as CryptoKeyPair;
		const p256dh = encodeBase64Url((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
		subscribers.push({
			endpoint: `https://fcm.googleapis.com/fcm/send/bench-${i}`,
			keys: { p256dh, auth: encodeBase64Url(crypto.getRandomValues(new Uint8Array(16))) }
		});
	}
	return { signer, subscribers };
}

export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		prepared ??= prepare(env);
		const { signer, subscribers } = await prepared;
		const n = Number(new URL(request.url).searchParams.get('n') ?? '0');
		const topic = await topicForCase('bench-case');
		let bytes = 0;
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
