import { keyingSecret, type Env } from '../../env';
import { keyedHash } from '../../lib/hash';

/** The part of a Hono context these helpers read; any route's context fits. */
interface RequestContext {
	req: { header(name: string): string | undefined };
	env: Env;
}

/** Cloudflare sets CF-Connecting-IP on every request at the edge; local wrangler may omit it. */
export function clientAddress(c: RequestContext): string {
	return c.req.header('cf-connecting-ip') ?? '127.0.0.1';
}

/**
 * The unit one client controls: an IPv4 address, or an IPv6 /64. A single subscriber line is usually handed a
 * whole /64, so keying limits by the full IPv6 address would give one attacker 2^64 fresh buckets.
 */
export function addressUnit(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1]!;
	if (!address.includes(':')) return address;
	const [head = '', tail = ''] = address.toLowerCase().split('::');
	const front = head ? head.split(':') : [];
	const back = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back]
		: front;
	return `${groups
		.slice(0, 4)
		.map((group) => group.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}

/** Client addresses are stored only as keyed hashes (rate-limit buckets, audit rows), per addressUnit. */
export function hashedClientAddress(c: RequestContext): Promise<string> {
	return keyedHash(keyingSecret(c.env, 'IP_HASH_SECRET'), addressUnit(clientAddress(c)));
}
