// Benchmark b (issue 3): encrypt + sign + build one Web Push request, same 1.5 KB payload, one core each:
// ours inside workerd vs web-push's generateRequestDetails in Node 22 (its own runtime), in the same run.
import { createECDH, webcrypto } from 'node:crypto';
import { build } from 'esbuild';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import webpush from 'web-push';

const SECONDS = Number(process.env.BENCH_CRYPTO_SECONDS ?? 4);
const PAYLOAD = JSON.stringify({ kind: 'alert', body: '测'.repeat(480) }).slice(0, 1536);

async function vapidKeys() {
	const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
	return {
		publicKey: Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('base64url'),
		privateKey: (await webcrypto.subtle.exportKey('jwk', pair.privateKey)).d!
	};
}

async function ours(keys: { publicKey: string; privateKey: string }): Promise<number> {
	const bundle = await build({
		entryPoints: ['tests/bench/crypto-worker.ts'],
		bundle: true,
		format: 'esm',
		write: false,
		platform: 'neutral'
	});
	const worker = {
		name: 'bench',
		compatibilityDate: '2026-11-01',
		modules: [{ type: 'ESModule' as const, path: 'bench.mjs', contents: bundle.outputFiles[0]!.text }],
		bindings: { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey }
	};
	// Miniflare 5 takes its v4-style options through this converter (as wrangler and the vitest plugin do).
	const mf = new Miniflare(convertV4MiniflareOptions({ workers: [worker] }));
	try {
		// Timed from outside: inside workerd the clock does not advance during pure computation.
		const run = async (n: number) => {
			const start = performance.now();
			await (await mf.dispatchFetch(`http://bench/?n=${n}`)).json();
			return performance.now() - start;
		};
		await run(500); // warm up: key preparation, JIT
		const baseline = await run(0);
		let n = 1000;
		let ms = await run(n);
		n = Math.max(1000, Math.round((n * SECONDS * 1000) / ms));
		ms = (await run(n)) - baseline;
		return (n / ms) * 1000;
	} finally {
		await mf.dispose();
	}
}

function reference(keys: { publicKey: string; privateKey: string }): number {
	const subscribers = Array.from({ length: 64 }, () => {
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		const auth = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('base64url');
		return {
			endpoint: 'https://fcm.googleapis.com/fcm/send/bench',
			keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth }
		};
	});
	const options = {
		vapidDetails: { subject: 'mailto:bench@reunion.example', ...keys },
		contentEncoding: 'aes128gcm' as const,
		TTL: 86400
	};
	for (let i = 0; i < 300; i++) webpush.generateRequestDetails(subscribers[i % 64]!, PAYLOAD, options);
	let n = 0;
	const start = performance.now();
	while (performance.now() - start < SECONDS * 1000) {
		webpush.generateRequestDetails(subscribers[n % 64]!, PAYLOAD, options);
		n++;
	}
	return (n / (performance.now() - start)) * 1000;
}

export async function runCrypto(): Promise<Record<string, number>> {
	const keys = await vapidKeys();
	const webPush = reference(keys);
	const workerd = await ours(keys);
	const ratio = workerd / webPush;
	console.log(
		`b. encrypt + sign + build, 1.5 KB: ours in workerd ${workerd.toFixed(0)} msg/s, web-push in Node ${webPush.toFixed(0)} msg/s → ${ratio.toFixed(2)}× (goal ≥ 3.5×)`
	);
	return {
		cryptoWorkerdPerSecond: Math.round(workerd),
		cryptoWebPushPerSecond: Math.round(webPush),
		cryptoRatio: Math.round(ratio * 100) / 100
	};
}
