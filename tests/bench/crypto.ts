// Benchmark b (issues 3, 12): encrypt + sign + build one Web Push request, same 1.5 KB payload, one core each:
// ours inside workerd against the RFC 8291 floor in the same workerd (crypto-floor.ts), and web-push's
// generateRequestDetails in Node 22 (its own runtime) as the reference, all in the same run.
import { createECDH, webcrypto } from 'node:crypto';
import { build } from 'esbuild';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import webpush from 'web-push';

const SECONDS = Number(process.env.BENCH_CRYPTO_SECONDS ?? 4);
const PAYLOAD = JSON.stringify({ kind: 'alert', body: '测'.repeat(480) }).slice(0, 1536);

export async function vapidKeys() {
	const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
	return {
		publicKey: Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('base64url'),
		privateKey: (await webcrypto.subtle.exportKey('jwk', pair.privateKey)).d!
	};
}

/** Alternating rounds, so that load from other processes on a shared machine hits both sides alike. */
const ROUNDS = Number(process.env.BENCH_CRYPTO_ROUNDS ?? 9);

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/** Messages per second inside one workerd: ours and the RFC 8291 floor (crypto-floor.ts), same run. */
export async function inWorkerd(
	keys: { publicKey: string; privateKey: string },
	seconds = SECONDS,
	roundCount = ROUNDS
) {
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
		const run = async (mode: 'ours' | 'floor', n: number) => {
			const start = performance.now();
			await (await mf.dispatchFetch(`http://bench/?mode=${mode}&n=${n}`)).json();
			return performance.now() - start;
		};
		const rate = async (mode: 'ours' | 'floor', n: number, baseline: number) =>
			(n / Math.max(1, (await run(mode, n)) - baseline)) * 1000;
		await run('ours', 500); // warm up: key preparation, JIT
		await run('floor', 500);
		const baseline = await run('ours', 0);
		// Size a round to about `seconds / roundCount` on this machine.
		const probe = await rate('ours', 1000, baseline);
		const n = Math.max(1000, Math.round((probe * seconds) / roundCount));
		const rounds: Array<{ ours: number; floor: number }> = [];
		for (let i = 0; i < roundCount; i++)
			rounds.push({ ours: await rate('ours', n, baseline), floor: await rate('floor', n, baseline) });
		return {
			ours: median(rounds.map((r) => r.ours)),
			floor: median(rounds.map((r) => r.floor)),
			// The median of per-round ratios: each round's two sides ran back to back under the same load.
			ofFloor: median(rounds.map((r) => r.ours / r.floor))
		};
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
	const { ours, floor, ofFloor } = await inWorkerd(keys);
	const ratio = ours / webPush;
	console.log(
		`b. encrypt + sign + build, 1.5 KB, one core: ours in workerd ${ours.toFixed(0)} msg/s = ${ofFloor.toFixed(2)} of the RFC 8291 floor (${floor.toFixed(0)} msg/s, same workerd; goal ≥ 0.8); web-push in Node ${webPush.toFixed(0)} msg/s → ours ${ratio.toFixed(2)}×`
	);
	return {
		cryptoWorkerdPerSecond: Math.round(ours),
		cryptoFloorPerSecond: Math.round(floor),
		cryptoOfFloor: Math.round(ofFloor * 100) / 100,
		cryptoWebPushPerSecond: Math.round(webPush),
		cryptoRatio: Math.round(ratio * 100) / 100
	};
}
