import type { Env } from '../env';
import { VapidSigner } from '../push';

let cached: { key: string; signer: Promise<VapidSigner> } | undefined;

/** One signer per isolate, so its per-origin JWT cache lives across queue batches. */
export function getVapidSigner(env: Env): Promise<VapidSigner> {
	if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY)
		throw new Error('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set to send push messages');
	const key = env.VAPID_PUBLIC_KEY;
	if (cached?.key !== key) {
		cached = {
			key,
			signer: VapidSigner.create(
				{ publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY },
				env.VAPID_SUBJECT ?? 'mailto:alerts@reunion.example'
			)
		};
	}
	return cached.signer;
}
