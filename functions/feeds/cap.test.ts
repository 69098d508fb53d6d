import { describe, expect, it } from 'vitest';
import type { SentMessageRow } from '../db/feed-messages';
import { historyOf, type CapMessage } from './cap-history';
import { capAlert, capDateTime, capDocument, capElement } from './cap';
import { expectNoRawMarkup, expectValidCap, isValidCap, ORIGIN, PUBLISHED } from './testing/fixtures';

const HISTORY: CapMessage[] = [
	{ version: 3, kind: 'alert', sentAt: '2026-11-25T03:30:00.123Z', radiusKm: 100 },
	{ version: 5, kind: 'update', sentAt: '2026-11-25T05:00:00Z', radiusKm: 200, text: '新线索 <b>见</b>' },
	{ version: 6, kind: 'resolved', sentAt: '2026-11-26T01:00:00Z', radiusKm: 200, text: '已找到' }
];

describe('CAP 1.2', () => {
	it('writes a valid Actual alert in both languages, escaping what the officer typed', async () => {
		const xml = capAlert(PUBLISHED, ORIGIN);
		await expectValidCap(xml);
		expect(xml).toContain('<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>');
		expect(xml).toContain('<identifier>urn:reunion:reunion.example:case:c-abc:v3</identifier>');
		expect(xml).toContain('<sent>2026-11-25T03:30:00-00:00</sent>');
		expect(xml).toContain('<category>Rescue</category><event>儿童失踪</event>');
		expect(xml).toContain('<event>Missing Child</event>');
		expect(xml).toContain(
			'<urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>'
		);
		expect(xml).toContain('<expires>2026-12-02T03:30:00-00:00</expires>');
		expect(xml).toContain('王&lt;小&gt;明 &amp; &quot;Tom&quot;');
		expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expectNoRawMarkup(xml);
		expect(xml).toContain('<circle>31.2304,121.4737 100</circle>');
		expect(xml).toContain(
			'<mimeType>image/webp</mimeType><uri>https://reunion.example/api/photos/photos/c-abc/1.webp</uri>'
		);
		expect(xml).toContain('<web>https://reunion.example/cases/c-abc</web>');
		expect(xml.match(/<info>/g)).toHaveLength(2);
		expect(xml).toContain('<language>zh-CN</language>');
		expect(xml).toContain('<language>en</language>');
	});

	it('marks an exercise unmistakably: status Exercise, restricted scope, 【演练】 headline, no public link', async () => {
		const xml = capAlert({ ...PUBLISHED, exercise: 1 }, ORIGIN);
		await expectValidCap(xml);
		expect(xml).toContain('<status>Exercise</status>');
		expect(xml).toContain('<scope>Restricted</scope><restriction>');
		expect(xml).toMatch(/<headline>【演练】/);
		expect(xml).toMatch(/<headline>\[EXERCISE\] /);
		expect(xml).not.toContain('<web>');
	});

	it('gives each version its identifier and references every earlier message', async () => {
		const row = { ...PUBLISHED, status: 'resolved' as const, version: 6, outcome: 'found_safe' as const };
		const sender = 'reunion@reunion.example';
		const urn = 'urn:reunion:reunion.example:case:c-abc';
		const first = capElement(row, HISTORY, 0, ORIGIN);
		expect(first).toContain('<msgType>Alert</msgType>');
		expect(first).not.toContain('<references>');
		const update = capElement(row, HISTORY, 1, ORIGIN);
		await expectValidCap(update);
		expect(update).toContain(`<identifier>${urn}:v5</identifier>`);
		expect(update).toContain('<msgType>Update</msgType>');
		expect(update).toContain(`<references>${sender},${urn}:v3,2026-11-25T03:30:00-00:00</references>`);
		expect(update).toContain('<circle>31.2304,121.4737 200</circle>');
		expect(update).toContain('新线索 &lt;b&gt;见&lt;/b&gt;');
		const latest = capDocument(row, HISTORY, ORIGIN);
		await expectValidCap(latest);
		expect(latest).toContain(`<identifier>${urn}:v6</identifier>`);
		expect(latest).toContain(
			`<references>${sender},${urn}:v3,2026-11-25T03:30:00-00:00 ${sender},${urn}:v5,2026-11-25T05:00:00-00:00</references>`
		);
		expect(latest).toContain('<urgency>Past</urgency><severity>Minor</severity>');
		expect(latest).not.toContain('Immediate');
		expect(latest).toContain('<expires>2026-11-27T01:00:00-00:00</expires>');
	});

	it('cancels without the child in every message of the case', async () => {
		const row = {
			...PUBLISHED,
			status: 'cancelled' as const,
			version: 4,
			cancelled_at: '2026-11-25T04:00:00Z'
		};
		const history: CapMessage[] = [
			HISTORY[0]!,
			{ version: 4, kind: 'cancelled', sentAt: '2026-11-25T04:00:00Z', radiusKm: 100, text: 'typo' }
		];
		for (const xml of [capDocument(row, history, ORIGIN), capElement(row, history, 0, ORIGIN)]) {
			if (xml.startsWith('<?xml')) await expectValidCap(xml);
			else await expectValidCap(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
			expect(xml).not.toContain('王');
			expect(xml).not.toContain('人民广场');
			expect(xml).not.toContain('<resource>');
			expect(xml).not.toContain('<contact>');
		}
		expect(capDocument(row, history, ORIGIN)).toContain('<msgType>Cancel</msgType>');
		expect(capDocument(row, history, ORIGIN)).toContain('Alert withdrawn: sent in error');
	});

	it('has a validator that rejects what the schema forbids', async () => {
		const broken = capAlert(PUBLISHED, ORIGIN).replace(
			'<status>Actual</status>',
			'<status>Test run</status>'
		);
		expect(await isValidCap(broken)).toBe(false);
	});

	it('formats times as the schema’s pattern requires', () => {
		expect(capDateTime('2026-01-02T03:04:05.678Z')).toBe('2026-01-02T03:04:05-00:00');
	});
});

describe('CAP message history from fan-out jobs', () => {
	const job = (
		id: string,
		kind: SentMessageRow['kind'],
		at: string,
		extra: Partial<SentMessageRow> = {}
	) => ({
		case_id: 'c-abc',
		id: `c-abc:${id}`,
		kind,
		radius_km: 100,
		inner_radius_km: 0,
		text: null,
		created_at: at,
		...extra
	});

	it('makes one message per job across shards, numbers repeats of a version, and marks radius steps', async () => {
		const jobs: SentMessageRow[] = [
			job('alert:3:100:0:DB:', 'alert', '2026-11-25T03:30:00Z'),
			job('alert:3:100:0:DB_SHARD_W:', 'alert', '2026-11-25T03:30:00Z'),
			job('update:3:100:0:recorded:1764041400000', 'update', '2026-11-25T03:40:00Z', { text: 'a' }),
			job('update:3:100:0:recorded:1764042000000', 'update', '2026-11-25T03:50:00Z', { text: 'b' }),
			job('alert:4:200:100:DB:', 'alert', '2026-11-25T04:30:00Z', { radius_km: 200, inner_radius_km: 100 }),
			job('alert:sent', 'alert', '2026-11-25T04:40:00Z')
		];
		const history = historyOf(PUBLISHED, jobs);
		expect(history.map((m) => [m.version, m.repeat, m.kind, m.radiusStep])).toEqual([
			[3, undefined, 'alert', undefined],
			[3, 2, 'update', undefined],
			[3, 3, 'update', undefined],
			[4, undefined, 'update', true]
		]);
		const xml = capDocument({ ...PUBLISHED, radius_km: 200, version: 4 }, history, ORIGIN);
		await expectValidCap(xml);
		expect(xml).toContain('case:c-abc:v3-2,');
		expect(xml).toContain('case:c-abc:v3-3,');
		expect(xml).toContain(
			'<description>The alert now covers 200 km around the place last seen.</description>'
		);
	});

	it('falls back to the case as it stands when no job was recorded (demo cases)', () => {
		expect(historyOf(PUBLISHED, [])).toEqual([
			{ version: 3, kind: 'alert', sentAt: PUBLISHED.updated_at, radiusKm: 100 }
		]);
	});
});
