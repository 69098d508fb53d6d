import { keyingSecret, type Env } from '../env';

/** The part of a Hono context these helpers read; any route's context fits. */
interface RequestContext {
	req: { header(name: string): string | undefined };
	env: Env;
}
import { keyedHash } from '../lib/hash';

/** Cloudflare sets CF-Connecting-IP on every request at the edge; local wrangler may omit it. */
export function clientAddress(c: RequestContext): string {
	return c.req.header('cf-connecting-ip') ?? '127.0.0.1';
}

/** Client addresses are stored only as keyed hashes (rate-limit buckets, audit rows). */
export function hashedClientAddress(c: RequestContext): Promise<string> {
	return keyedHash(keyingSecret(c.env, 'IP_HASH_SECRET'), clientAddress(c));
}
