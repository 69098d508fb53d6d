/**
 * Which URLs a partner webhook may be sent to (SSRF). A partner's URL is typed by an admin, but a delivery is a
 * request from inside our network position: it must never reach loopback, private, link-local or other
 * special-purpose addresses. Checked at registration (a 4xx naming `url`) and again before every delivery, so a
 * rule tightened later, or a row written around the API, still holds.
 *
 * Limits, written down where they are assumed: only address literals and well-known local names can be judged
 * here (a Worker cannot resolve DNS itself). A deployed Worker's fetch leaves through Cloudflare's edge, which
 * does not route into private networks, so a public name pointing at 10.0.0.1 fails there; and redirects are
 * never followed (deliver.ts), so a public URL cannot bounce a delivery to a refused one.
 */

/** Names that mean this machine or the local network, whatever DNS says. */
const LOCAL_NAMES = /(^|\.)(localhost|local|localdomain|internal|home\.arpa)$/i;

/** Loopback only: what local mode (REUNION_LOCAL=1) adds, for a receiver on the developer's machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// IPv4 special-purpose blocks (RFC 6890 and its registry) as [first octets, prefix length].
const REFUSED_V4: Array<[number[], number]> = [
	[[0], 8], // "this network", 0.0.0.0 unspecified
	[[10], 8], // private (RFC 1918)
	[[100, 64], 10], // carrier-grade NAT (RFC 6598)
	[[127], 8], // loopback
	[[169, 254], 16], // link-local (cloud metadata lives here)
	[[172, 16], 12], // private
	[[192, 0, 0], 24], // IETF protocol assignments
	[[192, 0, 2], 24], // documentation
	[[192, 88, 99], 24], // 6to4 relay anycast
	[[192, 168], 16], // private
	[[198, 18], 15], // benchmarking
	[[198, 51, 100], 24], // documentation
	[[203, 0, 113], 24], // documentation
	[[224], 4], // multicast
	[[240], 4] // reserved, and 255.255.255.255 broadcast
];

export type UrlProblem = 'not_url' | 'scheme' | 'credentials' | 'address';

/** Why a webhook URL is refused, or null when it may be used. `localMode` also allows http:// to loopback. */
export function webhookUrlProblem(raw: string, localMode: boolean): UrlProblem | null {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return 'not_url';
	}
	if (url.username || url.password) return 'credentials';
	// The WHATWG parser has already normalised 0x7f.1, 2130706433 and the like to dotted quads.
	const host = url.hostname.toLowerCase();
	if (localMode && LOOPBACK_HOSTS.has(host) && /^https?:$/.test(url.protocol)) return null;
	if (url.protocol !== 'https:') return 'scheme';
	return isRefusedHost(host) ? 'address' : null;
}

/** A host (as URL.hostname gives it) that is a refused address literal or a local name. */
export function isRefusedHost(host: string): boolean {
	if (host.startsWith('[')) return isRefusedIPv6(host.slice(1, -1));
	const v4 = parseIPv4(host);
	if (v4) return isRefusedIPv4(v4);
	return LOCAL_NAMES.test(host.replace(/\.$/, '')) || !host.includes('.');
}

function parseIPv4(text: string): number[] | null {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
	const octets = parts.map(Number);
	return octets.every((o) => o <= 255) ? octets : null;
}

export function isRefusedIPv4(octets: number[]): boolean {
	const value = octets.reduce((sum, octet) => sum * 256 + octet, 0);
	return REFUSED_V4.some(([prefix, bits]) => {
		const base = [...prefix, 0, 0, 0, 0].slice(0, 4).reduce((sum, octet) => sum * 256 + octet, 0);
		const size = 2 ** (32 - bits);
		return value >= base && value < base + size;
	});
}

/** Eight 16-bit groups, or null when the text is not an IPv6 address. */
export function parseIPv6(text: string): number[] | null {
	// An embedded dotted quad (::ffff:1.2.3.4) stands for the last two groups.
	const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	let hex = text;
	if (quad) {
		const v4 = parseIPv4(quad[0]);
		if (!v4) return null;
		const pair = [v4[0]! * 256 + v4[1]!, v4[2]! * 256 + v4[3]!].map((n) => n.toString(16)).join(':');
		hex = text.slice(0, quad.index) + pair;
	}
	const halves = hex.split('::');
	if (halves.length > 2) return null;
	const groups = (part: string) => (part === '' ? [] : part.split(':'));
	const left = groups(halves[0]!);
	const right = halves.length === 2 ? groups(halves[1]!) : [];
	if (![...left, ...right].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
	const known = left.length + right.length;
	if (halves.length === 1 ? known !== 8 : known > 7) return null;
	return [...left, ...Array<string>(8 - known).fill('0'), ...right].map((g) => parseInt(g, 16));
}

export function isRefusedIPv6(text: string): boolean {
	const g = parseIPv6(text);
	if (!g) return true;
	const embeddedV4 = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255];
	const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
	if (zeroUpTo(6)) return true; // :: unspecified, ::1 loopback, ::a.b.c.d IPv4-compatible (deprecated)
	if (zeroUpTo(5) && g[5] === 0xffff) return isRefusedIPv4(embeddedV4(g[6]!, g[7]!)); // IPv4-mapped
	// IPv4-translated ::ffff:0:a.b.c.d (RFC 2765 SIIT): a translator on the path turns it into the IPv4 address,
	// 169.254.169.254 included; no partner needs it.
	if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return true;
	// Teredo 2001::/32 (RFC 4380) tunnels to an IPv4 server and client named inside the address; 64:ff9b:1::/48
	// is the local-use NAT64 prefix (RFC 8215), which may embed any IPv4 address at any offset.
	if (g[0] === 0x2001 && g[1] === 0) return true;
	if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return true;
	if (g[0] === 0x64 && g[1] === 0xff9b) return isRefusedIPv4(embeddedV4(g[6]!, g[7]!)); // NAT64 (RFC 6052, 8215)
	if (g[0] === 0x2002) return isRefusedIPv4(embeddedV4(g[1]!, g[2]!)); // 6to4
	const first = g[0]!;
	return (
		(first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
		(first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
		(first & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated)
		(first & 0xff00) === 0xff00 || // ff00::/8 multicast
		(first === 0x2001 && g[1] === 0x0db8) || // documentation
		(first === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) // 100::/64 discard-only
	);
}
