import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/app';
import {
	alertsResponseSchema,
	caseSchema,
	caseSummarySchema,
	signedCaseResponseSchema
} from '../../src/lib/schemas';
import { call } from './helpers/requests';
import { insertCase } from './helpers/cases';

type Json = Record<string, unknown>;

/** Audiences that are not public: they stay out of the document (API.md: police and sign-in are same-origin). */
const PRIVATE_PREFIXES = ['/api/auth/', '/api/police/'];

/** Hono writes `/cases/:id` and `/photos/:key{.+}`; OpenAPI writes `{id}` and `{key}`. */
function asOpenApiPath(path: string): string {
	return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
}

/** Every public "METHOD path" the routers register; `use()` middleware is registered as ALL and skipped. */
function registeredPublicOperations(): Set<string> {
	return new Set(
		app.routes
			.filter(({ method, path }) => method !== 'ALL' && path.startsWith('/api/'))
			.filter(({ path }) => !PRIVATE_PREFIXES.some((prefix) => path.startsWith(prefix)))
			.map(({ method, path }) => `${method} ${asOpenApiPath(path)}`)
	);
}

function documentedOperations(document: Json): Set<string> {
	const paths = document.paths as Record<string, Record<string, unknown>>;
	return new Set(
		Object.entries(paths).flatMap(([path, item]) =>
			Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
		)
	);
}

/** Every `$ref` in the document, with the JSON pointer it names. */
function refsOf(value: unknown, found: string[] = []): string[] {
	if (Array.isArray(value)) for (const item of value) refsOf(item, found);
	else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) {
			if (key === '$ref' && typeof inner === 'string') found.push(inner);
			else refsOf(inner, found);
		}
	}
	return found;
}

function resolvePointer(document: unknown, ref: string): unknown {
	expect(ref.startsWith('#/'), ref).toBe(true);
	return ref
		.slice(2)
		.split('/')
		.map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
		.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

describe('GET /api/openapi.json', () => {
	let response: Response;
	let document: Json;

	beforeAll(async () => {
		response = await call(
			new Request('https://reunion.test/api/openapi.json', { headers: { Origin: 'https://partner.test' } })
		);
		document = (await response.json()) as Json;
	});

	it('is an OpenAPI 3.1 document any site can read', () => {
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
		expect(document.openapi).toMatch(/^3\.1\.\d+$/);
		const info = document.info as Json;
		expect(typeof info.title).toBe('string');
		expect(typeof info.version).toBe('string');
		expect(document.servers).toEqual([{ url: 'https://reunion.test' }]);
	});

	it('documents every operation with responses and well-formed parameters', () => {
		const paths = document.paths as Record<string, Record<string, Json>>;
		for (const [path, item] of Object.entries(paths)) {
			expect(path.startsWith('/'), path).toBe(true);
			const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
			for (const [method, operation] of Object.entries(item)) {
				expect(['get', 'post', 'delete', 'put', 'patch'], `${method} ${path}`).toContain(method);
				expect(Object.keys(operation.responses as Json).length, `${method} ${path}`).toBeGreaterThan(0);
				const params = (operation.parameters ?? []) as Json[];
				// OpenAPI: every template variable is a required path parameter, and no path parameter is extra.
				const inPath = params.filter((param) => param.in === 'path');
				expect(inPath.map((param) => param.name).sort(), `${method} ${path}`).toEqual([...templated].sort());
				for (const param of inPath) expect(param.required).toBe(true);
				for (const param of params) expect(['path', 'query', 'header', 'cookie']).toContain(param.in);
			}
		}
	});

	it('resolves every $ref inside the document', () => {
		const refs = refsOf(document);
		expect(refs.length).toBeGreaterThan(0);
		for (const ref of refs) expect(resolvePointer(document, ref), ref).toBeTypeOf('object');
	});

	it('lists exactly the public routes the routers register', () => {
		const registered = registeredPublicOperations();
		// Guards the comparison itself: the route table must be readable, public routes included.
		expect(registered).toContain('GET /api/alerts');
		expect(registered).toContain('GET /api/cases/{id}');
		expect([...registered].some((operation) => operation.includes('/api/police/'))).toBe(false);
		expect([...documentedOperations(document)].sort()).toEqual([...registered].sort());
	});

	it('documents include=closed and the request bodies as the validating schemas accept them', () => {
		const paths = document.paths as Record<string, Record<string, Json>>;
		const include = (paths['/api/alerts']!.get!.parameters as Json[]).find(
			(param) => param.name === 'include'
		);
		expect(include).toMatchObject({ in: 'query', required: false, schema: { enum: ['closed'] } });
		const subscribe = paths['/api/subscriptions']!.post!.requestBody as Json;
		const schema = (subscribe.content as Record<string, { schema: Json }>)['application/json']!.schema;
		// `lang` has a default, so a client may leave it out; the subscription and regions it must send.
		expect(schema.required).toEqual(['subscription', 'regions']);
		expect(paths['/api/subscriptions']!.delete).toBeDefined();
	});

	it('describes the case the API actually answers', async () => {
		const { id } = await insertCase({ lat: 25.04, lon: 102.71 });
		const answer = await call(new Request(`https://reunion.test/api/cases/${id}`));
		expect(answer.status).toBe(200);
		const body = await answer.json();
		// The answer parses with the schema the document's SignedPublicCase is generated from …
		const parsed = signedCaseResponseSchema.safeParse(body);
		expect(parsed.success).toBe(true);
		expect(parsed.data).toEqual(body);
		// … and the generated component names exactly the members the answer carries.
		const components = (document.components as Json).schemas as Record<string, Json>;
		const caseProperties = Object.keys(components.Case!.properties as Json).sort();
		expect(caseProperties).toEqual(Object.keys(caseSchema.shape).sort());
		expect(Object.keys(body as Json).sort()).toEqual(
			// distanceKm is for lists; numbers and resolvedAt only for a resolved case, retainedAt once reduced;
			// exercise only on a drill, which only test partners receive (issue 18).
			[
				...caseProperties.filter(
					(key) => !['distanceKm', 'numbers', 'resolvedAt', 'retainedAt', 'exercise'].includes(key)
				),
				'signature'
			].sort()
		);
		expect(Object.keys(components.CaseSummary!.properties as Json).sort()).toEqual(
			Object.keys(caseSummarySchema.shape).sort()
		);
	});

	it('describes every kind of alert item, closed ones included, without a member missing or extra', async () => {
		// Guiyang area, away from every other test's cases.
		const place = { lat: 26.58, lon: 106.71 };
		const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
		await insertCase(place);
		await insertCase({ ...place, status: 'resolved', resolved_at: hourAgo, outcome: 'found_safe' });
		await insertCase({ ...place, status: 'cancelled', cancelled_at: hourAgo });
		const answer = await call(
			new Request(`https://reunion.test/api/alerts?lat=${place.lat}&lon=${place.lon}&include=closed`)
		);
		expect(answer.status).toBe(200);
		const body = (await answer.json()) as { alerts: { status: string }[] };
		expect(body.alerts.map((alert) => alert.status).sort()).toEqual(['cancelled', 'published', 'resolved']);
		// zod drops members a schema does not name, so an equal round trip means none is undocumented.
		const parsed = alertsResponseSchema.safeParse(body);
		expect(parsed.success).toBe(true);
		expect(parsed.data).toEqual(body);
	});
});
