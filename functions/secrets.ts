/**
 * What the Worker reads besides wrangler.toml's bindings and vars (those are generated into
 * worker-configuration.d.ts by `npm run types`): secrets set with `wrangler secret put` — never kept in
 * wrangler.toml, and never read from a local file when the types are generated — and optional settings a
 * deployment may add as vars. README's Configuration table says what each one means.
 */
export interface Secrets {
	VAPID_PUBLIC_KEY?: string;
	VAPID_PRIVATE_KEY?: string;
	/** Keys the audit log's hash chain (functions/db/audit.ts). */
	AUDIT_KEY?: string;
	/** Keys client addresses before they are stored (rate limits, audit). */
	IP_HASH_SECRET?: string;
	/** Alert-signing keys: a JSON list of private P-256 JWKs with `kid`, the first signs (functions/signing/keys.ts). */
	SIGNING_KEYS?: string;
}

export interface OptionalSettings {
	/** WebAuthn relying-party id (a domain, never an IP); default: the console's host, `localhost` locally. */
	WEBAUTHN_RP_ID?: string;
	/** Overrides the demo password in local mode. */
	DEMO_PASSWORD?: string;
	/** Sign-in attempts allowed per client address per 15 minutes (default 30); the e2e server shares one address. */
	SIGN_IN_ADDRESS_LIMIT?: string;
	/** Subscription writes allowed per client address per window (default 20 per 10 minutes). */
	SUBSCRIBE_RATE_LIMIT?: string;
	/** Live-socket opens allowed per client address per 10 minutes (default 600; functions/api/public/live.ts). */
	LIVE_OPENS_LIMIT?: string;
	/** JSON shard map for subscriber storage (functions/db/shards.ts); unset = everything in DB. */
	SUBSCRIBER_SHARDS?: string;
	/** JSON map of dense geohash-3 cells to their number of live-alert objects (functions/live/hubs.ts). */
	LIVE_CELL_SHARDS?: string;
	/** Multiplies the partner webhooks' retry waits (functions/webhooks/schedule.ts); tests use e.g. "0.001". */
	WEBHOOK_RETRY_SCALE?: string;
	/** Seconds a send batch's outcome may take before the Cron re-sends it (functions/fanout/lease.ts; 600). */
	SEND_LEASE_SECONDS?: string;
	/** Each push request's deadline in milliseconds (functions/fanout/lease.ts; 10000). */
	PUSH_TIMEOUT_MS?: string;
	/** The domain PFIF record ids begin with (PFIF 1.4 §2.3); default: the host the feed is asked on, without port. */
	PFIF_DOMAIN?: string;
}
