import { CAP_1_2 } from '@dec112/cap-ts';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { E2E_ORIGIN } from '../../playwright.config';
import { readFeed } from '../support/feed-reader';
import { at, BASE, openApiAjv, schemaPointers } from '../support/openapi-ajv';
import { police, signIn } from './support/police-api';

// Issue #19: what partners' own tools make of the live Worker. Independent clients only: @dec112/cap-ts and the
// OASIS XSD (xmllint-wasm) for CAP, Debian's python3-feedparser for Atom, fast-xml-parser + the PFIF XSD, Ajv 8.

const CAP_XSD = readFileSync('tests/support/cap-1.2.xsd', 'utf8');
const PFIF_XSD = readFileSync('tests/support/pfif-1.4.xsd', 'utf8');
const HAIKOU = { lat: 20.044, lon: 110.341 };
const { Alert_msgType: MsgType, Alert_status: Status } = CAP_1_2;

async function xsdErrors(xml: string, xsd: string): Promise<string[]> {
	const result = await validateXML({
		xml: [{ fileName: 'doc.xml', contents: xml }],
		schema: [{ fileName: 'schema.xsd', contents: xsd }]
	});
	return result.errors.map((error) => error.rawMessage);
}

async function text(request: APIRequestContext, path: string, cookie?: string): Promise<string> {
	const response = await request.get(path, cookie ? { headers: { Cookie: cookie } } : {});
	expect(response.status(), path).toBe(200);
	return response.text();
}

/** The `<alert>` element of a CAP document, or of an Atom entry's content with its `cap:` prefix removed. */
function alertElement(xml: string): string {
	const bare = xml.replace(/<(\/?)cap:/g, '<$1').replace('<alert xmlns:cap=', '<alert xmlns=');
	return /<alert [\s\S]*<\/alert>/.exec(bare)![0];
}

test('CAP: one identifier per message over a whole lifecycle, never rewritten; the console says the same', async ({
	request
}) => {
	// Haikou lies outside the Shanghai demo users' unit (API.md "Police units"): the ministry's duty officers.
	const officer = await signIn(request, 'demo-national-officer');
	const approver = await signIn(request, 'demo-national-approver');
	const fields = {
		childName: '符小海',
		age: 9,
		sex: 'male',
		contactPhone: '110',
		lastSeenAt: new Date(Date.now() - 40 * 60_000).toISOString(),
		placeName: '海口市 骑楼老街',
		...HAIKOU,
		radiusKm: 50
	};
	const seen = new Map<string, string>();
	/** After each step: the public document is valid, new, references all before it, and equals the console's. */
	async function step(id: string, msgType: number, earlier: string[]): Promise<string> {
		const xml = await text(request, `/feeds/cap/${id}.xml`);
		expect(await xsdErrors(xml, CAP_XSD)).toEqual([]);
		const alert = await CAP_1_2.Alert.fromXML(xml);
		expect(alert.status).toBe(Status.actual);
		expect(alert.msgType).toBe(msgType);
		expect(alert.sent).toMatch(/-00:00$/);
		expect(seen.has(alert.identifier)).toBe(false);
		seen.set(alert.identifier, alertElement(xml));
		const references = (alert.references ?? '').split(' ').filter(Boolean);
		expect(references.map((reference) => reference.split(',')[1])).toEqual(earlier);
		expect(await text(request, `/api/police/cases/${id}/cap`, officer)).toBe(xml);
		return alert.identifier;
	}
	const act = async (cookie: string, path: string, data: unknown, status = 200) =>
		expect((await police(request, cookie, 'POST', path, data)).status, path).toBe(status);

	const found = (await police<{ id: string }>(request, officer, 'POST', '/api/police/cases', fields)).body.id;
	const draft = await CAP_1_2.Alert.fromXML(await text(request, `/api/police/cases/${found}/cap`, officer));
	expect(draft.status).toBe(Status.draft);
	const submitted = await police<{ version: number }>(
		request,
		officer,
		'POST',
		`/api/police/cases/${found}/submit`,
		{}
	);
	await act(
		approver,
		`/api/police/cases/${found}/approve`,
		{ confirm: fields.childName, version: submitted.body.version },
		202
	);
	const ids = [await step(found, MsgType.alert, [])];
	await act(officer, `/api/police/cases/${found}/updates`, { text: '有人在码头见到', radiusKm: 100 }, 201);
	ids.push(await step(found, MsgType.update, ids.slice()));
	await act(approver, `/api/police/cases/${found}/approve-radius`, { radiusKm: 100 }, 202);
	ids.push(await step(found, MsgType.update, ids.slice()));
	await act(officer, `/api/police/cases/${found}/resolve`, { outcome: 'found_safe', circumstance: 'lost' });
	ids.push(await step(found, MsgType.update, ids.slice()));

	const gone = (await police<{ id: string }>(request, officer, 'POST', '/api/police/cases', fields)).body.id;
	const again = await police<{ version: number }>(
		request,
		officer,
		'POST',
		`/api/police/cases/${gone}/submit`,
		{}
	);
	await act(
		approver,
		`/api/police/cases/${gone}/approve`,
		{ confirm: fields.childName, version: again.body.version },
		202
	);
	const goneAlert = await step(gone, MsgType.alert, []);
	await act(officer, `/api/police/cases/${gone}/cancel`, { reason: '误发' });
	const cancel = await step(gone, MsgType.cancel, [goneAlert]);
	expect(seen.get(cancel)).not.toContain('符小海');

	// Atom in a feed reader: every message of the found case is an entry, newest first, with the very CAP it had;
	// of the cancelled case only its Cancel is left.
	const atom = await text(request, `/feeds/alerts.atom?lat=${HAIKOU.lat}&lon=${HAIKOU.lon}&lang=en`);
	const read = readFeed(atom);
	expect(read.bozo_exception).toBe('');
	const ours = read.entries.filter((entry) => [...ids, goneAlert, cancel].includes(entry.id!));
	expect(ours.map((entry) => entry.id)).toEqual([cancel, ...ids.slice().reverse()]);
	expect(ours.map((entry) => entry.cap_identifier)).toEqual(ours.map((entry) => entry.id));
	const updated = ours.map((entry) => Date.parse(entry.updated!));
	expect(updated).toEqual([...updated].sort((a, b) => b - a));
	for (const entry of ours) {
		expect(entry.summary_type).toBe('text/plain');
		expect(entry.summary!.length).toBeGreaterThan(20);
	}
	expect(
		ours.slice(1).every((entry) => entry.summary!.includes('符小海') && entry.summary!.includes('骑楼老街'))
	).toBe(true);
	expect(ours[0]!.summary).not.toContain('符小海');
	const entries = [...atom.matchAll(/<entry><id>([^<]*)<\/id>[\s\S]*?<\/entry>/g)];
	for (const [entry, id] of entries.filter(([, id]) => seen.has(id!)))
		expect(alertElement(entry), id).toBe(seen.get(id!));

	// PFIF: the child resolved without a text still has a "found" note; the cancelled one an empty full_name.
	const pfif = await text(request, '/feeds/pfif.xml');
	expect(await xsdErrors(pfif, PFIF_XSD)).toEqual([]);
	const persons = (
		new XMLParser({ removeNSPrefix: true, isArray: (name) => name === 'person' || name === 'note' }).parse(
			pfif
		) as {
			pfif: {
				person: {
					person_record_id: string;
					full_name?: string;
					note?: { status?: string; author_made_contact?: boolean }[];
				}[];
			};
		}
	).pfif.person;
	const byId = (id: string) =>
		persons.find((person) => person.person_record_id === `127.0.0.1/person.${id}`)!;
	expect(byId(found).note?.some((note) => note.status === 'believed_alive' && note.author_made_contact)).toBe(
		true
	);
	expect(byId(gone)).toHaveProperty('full_name', '');
});

test('the seeded found case tells a consistent story: an alert, then its resolution', async ({ request }) => {
	const xml = await text(request, '/feeds/cap/demo-xian.xml');
	expect(await xsdErrors(xml, CAP_XSD)).toEqual([]);
	const latest = await CAP_1_2.Alert.fromXML(xml);
	expect(latest.msgType).toBe(MsgType.update);
	expect(latest.references?.split(' ')).toHaveLength(1);
	expect(latest.info_list[0]!.urgency).toBe(CAP_1_2.Alert_info_list_info_urgency.past);
	for (const info of latest.info_list) expect(info.instruction ?? '').not.toMatch(/110\D+110/);
});

test('Ajv 2020-12 compiles the live OpenAPI document and accepts the live answers', async ({ request }) => {
	const document = (await (await request.get('/api/openapi.json')).json()) as Record<string, unknown>;
	const ajv = openApiAjv(document);
	for (const pointer of schemaPointers(document))
		expect({ pointer, valid: ajv.validateSchema(at(document, pointer)) }).toEqual({ pointer, valid: true });
	const answers: [string, string][] = [
		['/api/health', '/api/health'],
		['/api/config', '/api/config'],
		['/api/alerts', '/api/alerts?lat=39.9339&lon=116.4815&include=closed'],
		['/api/cases/{id}', '/api/cases/demo-beijing'],
		['/api/cases/{id}', '/api/cases/demo-xian'],
		['/api/stats', '/api/stats']
	];
	for (const [path, url] of answers) {
		const validate = ajv.compile({
			$ref: `${BASE}#/paths/${path.replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`
		});
		const body: unknown = await (await request.get(url)).json();
		expect({ url, valid: validate(body), errors: validate.errors ?? null }).toEqual({
			url,
			valid: true,
			errors: null
		});
	}
});

/** README's caching table: each public GET path (with `:id`-style parts) and its documented Cache-Control. */
function documentedCaching(): [RegExp, string][] {
	const readme = readFileSync('README.md', 'utf8');
	const table = readme.slice(readme.indexOf('**Caching.**'), readme.indexOf('## Deploying'));
	return [...table.matchAll(/^\| (`\/.*?) \| `([^`]+)`/gm)].flatMap(([, paths, control]) =>
		[...paths!.matchAll(/`([^`]+)`/g)].map(([, path]): [RegExp, string] => [
			new RegExp(`^${path!.replace(/[.]/g, '\\.').replace(/:[a-z]+/g, '[^/]+')}$`),
			control!
		])
	);
}

test('every public GET answers preflight from another origin, and has an ETag and its documented caching', async ({
	request
}) => {
	const table = documentedCaching();
	expect(table.length).toBeGreaterThanOrEqual(13);
	const urls = [
		'/api/health',
		'/api/config',
		'/api/alerts?lat=39.9339&lon=116.4815',
		'/api/cases/demo-beijing',
		'/api/stats',
		'/api/openapi.json',
		'/feeds/alerts.atom',
		'/feeds/cap/demo-beijing.xml',
		'/feeds/pfif.xml',
		'/.well-known/reunion-keys.json',
		'/widget.js',
		'/embed?lat=39.9339&lon=116.4815'
	];
	for (const url of urls) {
		const preflight = await request.fetch(url, {
			method: 'OPTIONS',
			headers: {
				Origin: 'https://partner.example',
				'Access-Control-Request-Method': 'GET',
				'Access-Control-Request-Headers': 'if-none-match'
			}
		});
		expect({ url, status: preflight.status() }).toEqual({ url, status: 204 });
		expect(preflight.headers()['access-control-allow-origin'], url).toBe('*');
		expect(preflight.headers()['access-control-allow-headers'], url).toContain('if-none-match');
		const response = await request.get(url, { headers: { Origin: 'https://partner.example' } });
		const etag = response.headers().etag;
		expect(etag, url).toBeTruthy();
		const path = new URL(url, E2E_ORIGIN).pathname;
		const documented = table.find(([pattern]) => pattern.test(path));
		expect(documented, `${path} in README's caching table`).toBeTruthy();
		expect(response.headers()['cache-control'], url).toBe(documented![1]);
		const revalidated = await request.get(url, { headers: { 'If-None-Match': etag! } });
		expect({ url, status: revalidated.status() }).toEqual({ url, status: 304 });
	}
});
