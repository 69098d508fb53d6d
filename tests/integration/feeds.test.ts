import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGeohash } from '../../src/lib/geo';
import { verifyAlert, type PublicJwk } from '../../src/lib/signing/alert-signature';
import { insertCase } from './helpers/cases';
import { call } from './helpers/requests';

const XSS = '<script>alert(1)</script>';
const ORIGIN = 'https://reunion.test';
const cell = 'wx4g0'; // Beijing
const centre = decodeGeohash(cell);

function get(path: string, headers: HeadersInit = {}): Promise<Response> {
	return call(new Request(`${ORIGIN}${path}`, { headers }));
}

/** The XSD itself is applied by the builders' unit tests (functions/feeds/*.test.ts); here: the CAP skeleton. */
function expectCap(prefixed: string) {
	// Atom carries the CAP element with a `cap:` prefix (functions/feeds/atom.ts): the same XML to a CAP reader.
	const xml = prefixed.replace(/<(\/?)cap:/g, '<$1').replace('<alert xmlns:cap=', '<alert xmlns=');
	expect(xml).toMatch(
		/^<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>[^<]+<\/identifier><sender>/
	);
	expect(xml).toContain('<status>Actual</status>');
	expect(xml).toContain('<category>Rescue</category>');
}

async function publishedKeys(): Promise<PublicJwk[]> {
	return ((await (await get('/.well-known/reunion-keys.json')).json()) as { keys: PublicJwk[] }).keys;
}

/** RFC 9421 verification done here from the headers, independent of the signer. */
async function verifyFeed(response: Response, body: string, asked: string): Promise<boolean> {
	const digest = btoa(
		String.fromCharCode(
			...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)))
		)
	);
	if (response.headers.get('Content-Digest') !== `sha-256=:${digest}:`) return false;
	const params = /^reunion=(.*)$/.exec(response.headers.get('Signature-Input') ?? '')?.[1] ?? '';
	const kid = /keyid="([^"]+)"/.exec(params)?.[1];
	const jwk = (await publishedKeys()).find((key) => key.kid === kid)!;
	const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
		'verify'
	]);
	const { pathname, search } = new URL(asked);
	const target = `"@path";req: ${pathname}${search ? `\n"@query";req: ${search}` : ''}`;
	const base = `"content-digest": sha-256=:${digest}:\n"content-type": ${response.headers.get('Content-Type')}\n${target}\n"@signature-params": ${params}`;
	const sig = Uint8Array.from(
		atob(/^reunion=:(.*):$/.exec(response.headers.get('Signature') ?? '')![1]!),
		(ch) => ch.charCodeAt(0)
	);
	return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, new TextEncoder().encode(base));
}

describe('feeds', () => {
	let open: string, exercise: string, draft: string, cancelled: string, far: string;

	beforeAll(async () => {
		const now = Date.now();
		const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
		open = (
			await insertCase({
				lat: centre.lat,
				lon: centre.lon,
				child_name: `小明${XSS}`,
				place_name: XSS,
				version: 3
			})
		).id;
		await env.DB.prepare(
			`INSERT INTO fanout_jobs (id, case_id, kind, shard, lat, lon, radius_km, ranges, status, created_at, updated_at, text)
			 VALUES (?1 || ':alert:3:100:0:DB:', ?1, 'alert', 'DB', 0, 0, 100, '[]', 'done', ?2, ?2, NULL),
			        (?1 || ':update:3:100:0:recorded:1', ?1, 'update', 'recorded', 0, 0, 100, '[]', 'done', ?3, ?3, ?4)`
		)
			.bind(open, at(30), at(20), `seen at the station ${XSS}`)
			.run();
		await env.DB.prepare(
			`INSERT INTO case_events (case_id, kind, text, created_at) VALUES (?, 'update', ?, ?)`
		)
			.bind(open, `seen at the station ${XSS}`, at(20))
			.run();
		await env.DB.prepare(
			`INSERT INTO tips (id, case_id, reference, message, created_at, updated_at) VALUES ('feeds-tip', ?1, 'FEEDS-1', 'a private tip', ?2, ?2)`
		)
			.bind(open, at(10))
			.run();
		exercise = (await insertCase({ lat: centre.lat, lon: centre.lon, exercise: 1 })).id;
		draft = (await insertCase({ lat: centre.lat, lon: centre.lon, status: 'draft', published_at: null })).id;
		cancelled = (
			await insertCase({
				lat: centre.lat,
				lon: centre.lon,
				status: 'cancelled',
				child_name: 'Gone Child',
				cancelled_at: at(5)
			})
		).id;
		far = (await insertCase({ lat: centre.lat + 5, lon: centre.lon })).id;
	});

	it('serves a signed Atom feed of the last 7 days whose every entry embeds valid CAP', async () => {
		const response = await get('/feeds/alerts.atom?lang=en');
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
		const body = await response.text();
		const asked = `${ORIGIN}/feeds/alerts.atom?lang=en`;
		expect(await verifyFeed(response, body, asked)).toBe(true);
		expect(await verifyFeed(response, body.replace('Missing', 'Nissing'), asked)).toBe(false);
		// Covered @path and @query: the same signed body under another URL does not verify.
		expect(await verifyFeed(response, body, `${ORIGIN}/feeds/alerts.atom?lang=zh-CN`)).toBe(false);
		const caps = [...body.matchAll(/<content type="application\/cap\+xml">([\s\S]*?)<\/content>/g)].map(
			(m) => m[1]!
		);
		expect(caps.length).toBeGreaterThanOrEqual(3);
		for (const cap of caps) expectCap(cap);
		expect(body).toContain(`case:${open}:v3-2</id>`);
		expect(body).toContain(`case:${cancelled}:`);
		expect(body).not.toContain('Gone Child');
		for (const hidden of [exercise, draft]) expect(body).not.toContain(hidden);
		expect(body).not.toContain('<script');
	});

	it('narrows to an area with the inside-radius rule', async () => {
		const near = await (await get(`/feeds/alerts.atom?geohash=${cell}`)).text();
		expect(near).toContain(open);
		expect(near).not.toContain(far);
		const point = await (await get(`/feeds/alerts.atom?lat=${centre.lat}&lon=${centre.lon}`)).text();
		expect(point).toContain(open);
		const missing = await get('/feeds/alerts.atom?lat=10');
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({ error: { code: 'missing_location', field: 'lon' } });
	});

	it('serves the case CAP with its history, and 404 for drafts and exercises', async () => {
		const response = await get(`/feeds/cap/${open}.xml`);
		expect(response.status).toBe(200);
		const xml = await response.text();
		expectCap(xml.slice(xml.indexOf('<alert')));
		expect(await verifyFeed(response, xml, `${ORIGIN}/feeds/cap/${open}.xml`)).toBe(true);
		expect(xml).toContain('<msgType>Update</msgType>');
		expect(xml).toContain(`:case:${open}:v3,`);
		for (const hidden of [exercise, draft, 'nope'])
			expect(await (await get(`/feeds/cap/${hidden}.xml`)).json()).toMatchObject({
				error: { code: 'not_found' }
			});
	});

	it('answers 304 to a matching If-None-Match', async () => {
		const first = await get(`/feeds/cap/${open}.xml`);
		const etag = first.headers.get('ETag')!;
		expect(first.headers.get('Cache-Control')).toMatch(/public, max-age=\d+/);
		const again = await get(`/feeds/cap/${open}.xml`, { 'If-None-Match': etag });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
	});

	it('serves PFIF with police updates as notes, never tips', async () => {
		const response = await get('/feeds/pfif.xml');
		const xml = await response.text();
		expect(await verifyFeed(response, xml, `${ORIGIN}/feeds/pfif.xml`)).toBe(true);
		expect(xml).toContain(`reunion.test/person.${open}`);
		expect(xml).toContain('seen at the station &lt;script&gt;');
		expect(xml).not.toContain('a private tip');
		expect(xml).not.toContain(exercise);
	});
});

describe('keys and embed', () => {
	it('publishes only public keys, each with a kid', async () => {
		const keys = await publishedKeys();
		expect(keys.map((key) => key.kid)).toEqual(['integration-1', 'integration-0']);
		for (const key of keys) expect(key).not.toHaveProperty('d');
		expect(await verifyAlert({ id: 'x', signature: { kid: 'integration-1', sig: 'AA' } }, keys)).toBe(false);
	});

	it('serves the iframe page with open frame-ancestors and the attributes as text', async () => {
		const response = await get(`/embed?lat=39.9&lon=116.4&lang=en&radius-km=20`);
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
		const html = await response.text();
		expect(html).toContain('<reunion-alerts lat="39.9" lon="116.4" lang="en" theme="auto" radius-km="20">');
		expect((await get(`/embed?lat=39.9`)).status).toBe(400);
	});
});
