// One verifying thread of the threaded bench peer: checks VAPID on every message (RFC 8292: signature, aud,
// exp, sub, k) and decrypts it with http_ece, independently of our sender, then reports the time it took.
import { createECDH, type ECDH } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { decrypt } from 'http_ece';
import { checkVapid } from '../support/push-peer';

export interface ThreadSetup {
	vapidPublicKey: string;
	origin: string;
	subscribers: Array<{ id: string; privateKey: string; auth: string }>;
}

export interface ThreadJob {
	seq: number;
	id: string;
	authorization: string | undefined;
	body: Uint8Array;
	nowSeconds: number;
}

export interface ThreadAnswer {
	seq: number;
	status: number;
	reason?: string;
	ms: number;
}

const setup = workerData as ThreadSetup;
const devices = new Map<string, { ecdh: ECDH; auth: Buffer }>();
for (const s of setup.subscribers) {
	const ecdh = createECDH('prime256v1');
	ecdh.setPrivateKey(Buffer.from(s.privateKey, 'base64url'));
	devices.set(s.id, { ecdh, auth: Buffer.from(s.auth, 'base64url') });
}

async function check(job: ThreadJob): Promise<Omit<ThreadAnswer, 'seq' | 'ms'>> {
	const device = devices.get(job.id);
	if (!device) return { status: 410, reason: 'no such subscription' };
	const verdict = await checkVapid(job.authorization, setup.vapidPublicKey, setup.origin, job.nowSeconds);
	if (!verdict.ok) return { status: verdict.status, reason: verdict.reason };
	try {
		const plaintext = decrypt(Buffer.from(job.body), {
			version: 'aes128gcm',
			privateKey: device.ecdh,
			authSecret: device.auth
		});
		JSON.parse(plaintext.toString('utf8'));
		return { status: 201 };
	} catch (error) {
		return { status: 400, reason: `cannot decrypt: ${String(error)}` };
	}
}

parentPort?.on('message', (job: ThreadJob) => {
	const start = performance.now();
	void check(job).then((answer) =>
		parentPort?.postMessage({ seq: job.seq, ...answer, ms: performance.now() - start } satisfies ThreadAnswer)
	);
});
