// The test push-service peer as its own process, for Playwright and wrangler-based tests:
//   node tests/support/push-peer-cli.ts [--port 0] [--host 127.0.0.1] [--vapid-public-key <base64url>]
// Node 22.18+ strips the types itself. Prints one JSON line {"origin": "..."} on stdout once it listens, then
// serves the control API under /_peer/ (see push-peer.ts) until SIGTERM or SIGINT.
import { parseArgs } from 'node:util';

// Loaded by URL with its .ts extension, which Node's type stripping needs and the type checker would refuse
// as a static import (no allowImportingTsExtensions in the shared tsconfig).
type PeerModule = typeof import('./push-peer');
const { startPushPeer } = (await import(new URL('./push-peer.ts', import.meta.url).href)) as PeerModule;

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: process.env.PUSH_PEER_PORT ?? '0' },
		host: { type: 'string', default: '127.0.0.1' },
		'vapid-public-key': { type: 'string', default: process.env.VAPID_PUBLIC_KEY }
	}
});

const peer = await startPushPeer({
	port: Number(values.port),
	host: values.host,
	vapidPublicKey: values['vapid-public-key']
});
process.stdout.write(`${JSON.stringify({ origin: peer.origin })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const)
	process.once(signal, () => {
		void peer.close().then(() => process.exit(0));
	});
