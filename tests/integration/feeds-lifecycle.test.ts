import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT, login, policeFetch, submitAndApprove } from './helpers/police';
import { call } from './helpers/requests';

let officer: string, approver: string;

beforeAll(async () => {
	officer = await login('demo-national-officer');
	approver = await login('demo-national-approver');
});

async function cap(id: string): Promise<string> {
	const response = await call(new Request(`https://reunion.test/feeds/cap/${id}.xml`));
	expect(response.status).toBe(200);
	return response.text();
}

/** Pins what the feeds read from the fan-out jobs (functions/feeds/cap-history.ts) to the real police flow. */
describe('a case through its life, as the feeds tell it', () => {
	it('publishes, updates twice and resolves: one identifier per message, each referencing all before it', async () => {
		const body = { ...DRAFT, childName: '周<b>小</b>雨', lat: 29.56, lon: 106.55 };
		const created = (await (await policeFetch(officer, 'POST', '/api/police/cases', body)).json()) as {
			id: string;
		};
		const { id } = created;
		expect((await call(new Request(`https://reunion.test/feeds/cap/${id}.xml`))).status).toBe(404);
		const published = await submitAndApprove(officer, approver, id, body.childName);
		const alert = await cap(id);
		expect(alert).toContain(
			`<identifier>urn:reunion:reunion.test:case:${id}:v${published.version}</identifier>`
		);
		expect(alert).toContain('<msgType>Alert</msgType>');
		expect(alert).toContain('周&lt;b&gt;小&lt;/b&gt;雨');

		for (const text of ['Seen near the river', 'Seen at the bus station']) {
			expect((await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, { text })).status).toBe(
				201
			);
		}
		const resolved = await policeFetch(officer, 'POST', `/api/police/cases/${id}/resolve`, {
			outcome: 'found_safe',
			circumstance: 'lost'
		});
		expect(resolved.status).toBe(200);
		const latest = await cap(id);
		const references = /<references>(.*?)<\/references>/.exec(latest)![1]!.split(' ');
		expect(references).toHaveLength(3);
		const identifiers = references.map((reference) => reference.split(',')[1]);
		expect(new Set(identifiers).size).toBe(3);
		expect(identifiers[0]).toBe(`urn:reunion:reunion.test:case:${id}:v${published.version}`);
		expect(latest).not.toContain(`${/<identifier>(.*?)<\/identifier>/.exec(latest)![1]},`);
		expect(latest).toContain('<urgency>Past</urgency>');

		const atom = await (
			await call(new Request('https://reunion.test/feeds/alerts.atom?lat=29.56&lon=106.55'))
		).text();
		const entries = [...atom.matchAll(/<entry><id>([^<]*)<\/id>/g)]
			.map((match) => match[1])
			.filter((entry) => entry!.includes(id));
		expect(entries).toHaveLength(4);
	});
});
