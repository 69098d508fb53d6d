import type { TestProject } from 'vitest/node';
import { PushPeer } from '../support/push-peer';
import { WebhookReceiver } from '../support/webhook-receiver';

declare module 'vitest' {
	export interface ProvidedContext {
		peerOrigin: string;
		webhookOrigin: string;
		/** FUZZ_RUNS: runs per property of tests/integration/probe/fuzz.test.ts (0 = its bounded default). */
		fuzzRuns: number;
	}
}

/** Starts the push-service peer in Node; the Worker under test (in workerd) reaches it over 127.0.0.1. */
export default async function setup(project: TestProject) {
	const publicKey = process.env.REUNION_TEST_VAPID_PUBLIC_KEY;
	if (!publicKey) throw new Error('vitest.worker.config.ts sets REUNION_TEST_VAPID_PUBLIC_KEY');
	const peer = new PushPeer(publicKey);
	project.provide('peerOrigin', await peer.listen());
	project.provide('fuzzRuns', Number(process.env.FUZZ_RUNS) || 0);
	// A partner's webhook endpoint (tests/integration/partners-delivery.test.ts).
	const receiver = new WebhookReceiver();
	project.provide('webhookOrigin', await receiver.listen());
	return async () => {
		await peer.close();
		await receiver.close();
	};
}
