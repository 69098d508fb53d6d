import type { TestProject } from 'vitest/node';
import { PushPeer } from '../support/push-peer';

declare module 'vitest' {
	export interface ProvidedContext {
		peerOrigin: string;
	}
}

/** Starts the push-service peer in Node; the Worker under test (in workerd) reaches it over 127.0.0.1. */
export default async function setup(project: TestProject) {
	const publicKey = process.env.REUNION_TEST_VAPID_PUBLIC_KEY;
	if (!publicKey) throw new Error('vitest.worker.config.ts sets REUNION_TEST_VAPID_PUBLIC_KEY');
	const peer = new PushPeer(publicKey);
	project.provide('peerOrigin', await peer.listen());
	return () => peer.close();
}
