/** The Worker's bindings, as declared in wrangler.toml (plus secrets from .dev.vars or `wrangler secret put`). */
export interface Env {
	DB: D1Database;
	PHOTOS: R2Bucket;
	FANOUT: Queue;
	SEND: Queue;
	ASSETS: Fetcher;
	/** Live alerts: one object per geohash-3 cell and shard (functions/live/cell-hub.ts). */
	LIVE: DurableObjectNamespace<import('./live/cell-hub').CellHub>;
	/** JSON map of dense geohash-3 cells to their number of live-alert objects (functions/live/hubs.ts). */
	LIVE_CELL_SHARDS?: string;
	/** The API, handed to SvelteKit's server so page loads call it in-process (functions/app.ts). */
	API?: { fetch(request: Request): Promise<Response> };
	/** "1" turns on local mode (API.md): demo users and http://127.0.0.1 push endpoints. Anything else is off. */
	REUNION_LOCAL?: string;
	DEFAULT_RADIUS_KM?: string;
	VAPID_PUBLIC_KEY?: string;
	VAPID_PRIVATE_KEY?: string;
	VAPID_SUBJECT?: string;
	/** Keys the audit log's hash chain (functions/db/audit.ts). Set as a secret when deployed. */
	AUDIT_KEY?: string;
	/** Keys client addresses before they are stored (rate limits, audit). Set as a secret when deployed. */
	IP_HASH_SECRET?: string;
	/** WebAuthn relying-party id (a domain, never an IP); default: the console's host, `localhost` locally. */
	WEBAUTHN_RP_ID?: string;
	/** Overrides the demo password in local mode. */
	DEMO_PASSWORD?: string;
	/** Sign-in attempts allowed per client address per 15 minutes (default 30); the e2e server shares one address. */
	SIGN_IN_ADDRESS_LIMIT?: string;
	/** Subscription writes allowed per client address per window (default 20 per 10 minutes). */
	SUBSCRIBE_RATE_LIMIT?: string;
	/** JSON shard map for subscriber storage (functions/db/shards.ts); unset = everything in DB. */
	SUBSCRIBER_SHARDS?: string;
}

export function isLocalMode(env: Pick<Env, 'REUNION_LOCAL'>): boolean {
	return env.REUNION_LOCAL === '1';
}

const LOCAL_STAND_INS = { AUDIT_KEY: 'reunion-local-audit-key', IP_HASH_SECRET: 'reunion-local-ip-key' };

/**
 * A keying secret, which a deployment must set: falling back to a constant written in this public repository
 * would let anyone who can write D1 recompute the audit chain or reverse the address hashes. Local mode and
 * tests may use the stand-in.
 */
export function keyingSecret<Name extends 'AUDIT_KEY' | 'IP_HASH_SECRET'>(
	env: Pick<Env, 'REUNION_LOCAL' | Name>,
	name: Name
): string {
	const value = env[name];
	if (value) return value;
	if (isLocalMode(env)) return LOCAL_STAND_INS[name];
	throw new Error(`${name} is not set: run \`npx wrangler secret put ${name}\` (README, Deploy).`);
}
