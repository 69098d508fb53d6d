import type { OptionalSettings, Secrets } from './secrets';

/**
 * The Worker's environment: wrangler.toml's bindings and vars (`GeneratedEnv`, from worker-configuration.d.ts,
 * which `npm run types` writes and `npm run check` keeps honest), the secrets and optional settings
 * (secrets.ts), and the in-process API handed to SvelteKit.
 */
export interface Env extends GeneratedEnv, Secrets, OptionalSettings {
	/** The API, handed to SvelteKit's server so page loads call it in-process (functions/create-worker.ts). */
	API?: { fetch(request: Request): Promise<Response> };
}

export function isLocalMode(env: { REUNION_LOCAL?: string }): boolean {
	return env.REUNION_LOCAL === '1';
}

const LOCAL_STAND_INS = { AUDIT_KEY: 'reunion-local-audit-key', IP_HASH_SECRET: 'reunion-local-ip-key' };

/**
 * A keying secret, which a deployment must set: falling back to a constant written in this public repository
 * would let anyone who can write D1 recompute the audit chain or reverse the address hashes. Local mode and
 * tests may use the stand-in.
 */
export function keyingSecret<Name extends 'AUDIT_KEY' | 'IP_HASH_SECRET'>(
	env: { REUNION_LOCAL?: string } & Pick<Env, Name>,
	name: Name
): string {
	const value = env[name];
	if (value) return value;
	if (isLocalMode(env)) return LOCAL_STAND_INS[name];
	throw new Error(`${name} is not set: run \`npx wrangler secret put ${name}\` (README, Deploy).`);
}
