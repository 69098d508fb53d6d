// Property-based random input against every public and police endpoint (issue 18, point 3), routes from
// ./routes.ts. Whatever arrives: never a 5xx, a 4xx always has API.md's error shape, and a refused request
// writes nothing (row counts of every table the API writes, before and after). Bounded for CI (about 30 s);
// FUZZ_RUNS=<runs per property> runs it longer (docs/reliability.md, "Random input and the probe").
import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { insertCase } from '../helpers/cases';
import { login, ORIGIN } from '../helpers/police';
import { POLICE_ROUTES, PUBLIC_ROUTES, type PoliceRoute, type PublicRoute } from './routes';
import { countAll, expectErrorShape, nextAddress } from './support';

const RUNS = inject('fuzzRuns');
const runs = (bounded: number) => (RUNS > 0 ? RUNS : bounded);
// A long run takes its time: about a quarter of a second per request at most on a loaded CI machine.
const TIMEOUT = { timeout: Math.max(60_000, RUNS * 250) };

// Police routes the fuzzer leaves out, and why: a random `{ paused: true }` would hold every later alert of
// this file's storage; sign-out would end the session the fuzzer calls with.
const SKIPPED = new Set(['PUT /api/police/sending']);

interface Endpoint {
	method: string;
	/** With `:id` and `:key` still in it. */
	path: string;
	police: boolean;
	/** A body that validates, which the fuzzer mutates; null for a route without a JSON body. */
	valid: Record<string, unknown> | null;
	/** Sign-in writes its failure (audit, throttle) by design: a refused attempt is not a partial write. */
	writesWhenRefused?: boolean;
}

const PUBLIC_VALID: Record<string, Record<string, unknown>> = {
	'POST /api/cases/:id/tips': { message: 'seen at the station', seenAt: '2026-01-01T08:00:00+08:00' },
	'POST /api/subscriptions': {
		subscription: {
			endpoint: 'https://fcm.googleapis.com/fcm/send/fuzz',
			keys: {
				p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
				auth: 'tBHItJI5svbpez7KI4CCXg'
			}
		},
		regions: ['wtw3s'],
		lang: 'en'
	},
	'DELETE /api/subscriptions': { endpoint: 'https://fcm.googleapis.com/fcm/send/fuzz', auth: 'x' },
	'POST /api/subscriptions/check': { endpoint: 'https://fcm.googleapis.com/fcm/send/fuzz', auth: 'x' },
	'POST /api/subscriptions/check/:key/received': {},
	'POST /api/auth/login': { username: 'demo-officer', password: 'not the password' },
	'POST /api/auth/passkeys/sign-in/options': {},
	'POST /api/auth/passkeys/sign-in': { credential: {} }
};

const ENDPOINTS: Endpoint[] = [
	...PUBLIC_ROUTES.map((route: PublicRoute) => ({
		method: route.method,
		path: route.path,
		police: false,
		valid: route.body === 'none' ? null : (PUBLIC_VALID[`${route.method} ${route.path}`] ?? {}),
		writesWhenRefused: route.path.startsWith('/api/auth/')
	})),
	...POLICE_ROUTES.filter((route) => !SKIPPED.has(`${route.method} ${route.path}`)).map(
		(route: PoliceRoute) => ({
			method: route.method,
			path: route.path,
			police: true,
			valid: route.body === undefined ? null : (route.body as Record<string, unknown>)
		})
	)
];

// Strings people and attackers send: empty, huge, markup, and what JSON can carry but text must not (NUL,
// noncharacters, lone surrogates), plus anything fast-check makes of the whole code space.
const nastyString = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'\uFFFF',
		'\uFFFE',
		'\uFDD0',
		'\uD800',
		'\uDC00x\uD800',
		'\u202E',
		'<script>alert(1)</script>',
		"'; DROP TABLE cases; --",
		'../../etc/passwd',
		'%00',
		'0000-01-01T00:00:00Z',
		'9999-12-31T23:59:59Z',
		'NaN',
		'__proto__',
		'constructor'
	),
	fc.nat({ max: 70_000 }).map((n) => 'a'.repeat(n)),
	fc.nat({ max: 3000 }).map((n) => '王'.repeat(n))
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
	nastyString,
	fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, [], {}),
	fc.double(),
	fc.integer(),
	fc.jsonValue({ maxDepth: 3 }),
	fc.array(nastyString, { maxLength: 5 })
);

/** A valid body with one field replaced, removed or added: deep enough to pass JSON, to reach the schemas. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
	const keys = Object.keys(valid);
	const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), nastyString) : nastyString;
	return fc.tuple(key, nastyValue, fc.boolean()).map(([k, v, remove]) => {
		const copy: Record<string, unknown> = structuredClone(valid);
		if (remove) delete copy[k];
		else copy[k] = v;
		return copy;
	});
}

const deepNesting = fc
	.tuple(fc.integer({ min: 1, max: 6000 }), fc.constantFrom('[', '{"a":'))
	.map(([depth, open]) => {
		const close = open === '[' ? ']' : '}';
		return `${open.repeat(depth)}1${close.repeat(depth)}`;
	});

type Body =
	{ kind: 'json'; text: string } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'form'; form: FormData };

function jsonBody(endpoint: Endpoint): fc.Arbitrary<Body> {
	const shapes = [
		fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
		deepNesting,
		nastyString.map((s) => JSON.stringify(s)),
		fc.string({ maxLength: 60 }), // mostly not JSON at all
		...(endpoint.valid ? [mutated(endpoint.valid).map((v) => JSON.stringify(v))] : [])
	];
	return fc.oneof(...shapes).map((text) => ({ kind: 'json' as const, text }));
}

const randomBytes = fc.uint8Array({ maxLength: 4096 }).map((bytes) => ({ kind: 'bytes' as const, bytes }));

const randomForm = fc
	.array(
		fc.tuple(
			fc.constantFrom('tip', 'photo', 'x', ''),
			fc.oneof(nastyString, fc.uint8Array({ maxLength: 600 }))
		),
		{
			maxLength: 4
		}
	)
	.map((parts) => {
		const form = new FormData();
		for (const [name, value] of parts)
			form.append(
				name,
				typeof value === 'string' ? value : new File([value], 'p.jpg', { type: 'image/jpeg' })
			);
		return { kind: 'form' as const, form };
	});

const contentType = fc.constantFrom(
	'application/json',
	'application/json; charset=utf-8',
	'application/json-patch+json',
	'application/json-seq',
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=fuzz',
	'image/jpeg',
	'image/png',
	'',
	'*/*'
);

const pathSegment = fc.oneof(
	fc.constantFrom('x', 'case-does-not-exist', '..', '%2e%2e', '%00', 'a%2Fb', ''),
	nastyString.map((s) => percentEncode(s.slice(0, 3000)))
);

/** encodeURIComponent, except that a lone surrogate (which it refuses) goes out as the bytes of one. */
function percentEncode(text: string): string {
	try {
		return encodeURIComponent(text);
	} catch {
		return `${encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))}%ED%A0%80`;
	}
}

const queryString = fc
	.array(
		fc.tuple(
			fc.constantFrom(
				'lat',
				'lon',
				'geohash',
				'limit',
				'lang',
				'cells',
				'radiusKm',
				'include',
				'format',
				'before',
				'q',
				'radius-km'
			),
			nastyString
		),
		{
			maxLength: 4
		}
	)
	.map((pairs) =>
		pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 4000)]))}` : ''
	);

let admin: string;
let publishedId: string;
let draftId: string;
beforeAll(async () => {
	admin = await login('demo-admin');
	publishedId = (await insertCase({ lat: 31.23, lon: 121.47 })).id;
	draftId = (await insertCase({ lat: 31.23, lon: 121.47, status: 'draft', published_at: null })).id;
});

function concretePath(endpoint: Endpoint, segment: string | null): string {
	const id = segment ?? (endpoint.police ? draftId : publishedId);
	return endpoint.path.replace(':id', id).replace(':key', segment ?? 'x');
}

async function fire(
	endpoint: Endpoint,
	path: string,
	type: string | null,
	body: Body | null
): Promise<Response> {
	const headers: Record<string, string> = { 'CF-Connecting-IP': nextAddress() };
	if (endpoint.police) Object.assign(headers, { Origin: ORIGIN, Cookie: admin });
	let payload: BodyInit | undefined;
	if (body && endpoint.method !== 'GET') {
		if (body.kind === 'form') payload = body.form;
		else {
			payload = body.kind === 'json' ? body.text : new Uint8Array(body.bytes);
			if (type !== null) headers['Content-Type'] = type;
		}
	}
	return SELF.fetch(`${ORIGIN}${path}`, { method: endpoint.method, headers, body: payload });
}

/** The properties every answer holds, whatever was sent. */
async function expectContract(
	endpoint: Endpoint,
	answer: Response,
	before: Record<string, number>,
	what: string
) {
	expect(answer.status, what).toBeLessThan(500);
	if (answer.status >= 400) {
		await expectErrorShape(answer, what);
		if (!endpoint.writesWhenRefused) expect(await countAll(), what).toEqual(before);
	} else await answer.arrayBuffer();
}

const endpointArb = fc.constantFrom(...ENDPOINTS);
const withBody = ENDPOINTS.filter((e) => e.method !== 'GET');

describe('random input never breaks the contract', () => {
	it(
		'JSON of every shape (mutated valid bodies, wrong types, deep nesting, unicode) to every write',
		TIMEOUT,
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc
						.constantFrom(...withBody)
						.chain((endpoint) =>
							fc.tuple(fc.constant(endpoint), jsonBody(endpoint), fc.option(contentType, { freq: 4 }))
						),
					async ([endpoint, body, type]) => {
						const before = await countAll();
						const what = `${endpoint.method} ${endpoint.path} ${type ?? 'application/json'} ${body.kind === 'json' ? body.text.slice(0, 200) : ''}`;
						await expectContract(
							endpoint,
							await fire(endpoint, concretePath(endpoint, null), type ?? 'application/json', body),
							before,
							what
						);
					}
				),
				{ numRuns: runs(150) }
			);
		}
	);

	it('random bytes and random multipart, under any content type, to every write', TIMEOUT, async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...withBody),
				fc.oneof(randomBytes, randomForm),
				fc.option(contentType, { freq: 5 }),
				async (endpoint, body, type) => {
					const before = await countAll();
					const what = `${endpoint.method} ${endpoint.path} ${body.kind} ${type}`;
					await expectContract(
						endpoint,
						await fire(endpoint, concretePath(endpoint, null), type, body),
						before,
						what
					);
				}
			),
			{ numRuns: runs(100) }
		);
	});

	it('random path parameters and query strings on every route', TIMEOUT, async () => {
		await fc.assert(
			fc.asyncProperty(endpointArb, fc.option(pathSegment), queryString, async (endpoint, segment, query) => {
				const before = await countAll();
				const path = `${concretePath(endpoint, segment)}${query}`;
				const what = `${endpoint.method} ${path.slice(0, 300)}`;
				const body = endpoint.valid ? { kind: 'json' as const, text: JSON.stringify(endpoint.valid) } : null;
				await expectContract(endpoint, await fire(endpoint, path, 'application/json', body), before, what);
			}),
			{ numRuns: runs(150) }
		);
	});

	it('the fuzzer reached every endpoint it was given (a typo in the table fails here, not silently)', () => {
		expect(ENDPOINTS.length).toBe(PUBLIC_ROUTES.length + POLICE_ROUTES.length - SKIPPED.size);
	});
});
