import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../db/cases';
import { atomFeed } from './atom';
import type { CapMessage } from './cap-history';
import { expectNoRawMarkup, expectValidCap, ORIGIN, PUBLISHED, XSS } from './testing/fixtures';

const OPEN: CapMessage[] = [{ version: 3, kind: 'alert', sentAt: '2026-11-25T03:30:00Z', radiusKm: 100 }];
const CANCELLED_ROW: CaseRow = { ...PUBLISHED, id: 'c-gone', status: 'cancelled', version: 5 };
const CANCELLED: CapMessage[] = [
	{ version: 2, kind: 'alert', sentAt: '2026-11-24T01:00:00Z', radiusKm: 100 },
	{ version: 5, kind: 'cancelled', sentAt: '2026-11-24T02:00:00Z', radiusKm: 100, text: XSS }
];

function feed(lang: 'zh-CN' | 'en' = 'en'): string {
	return atomFeed({
		origin: ORIGIN,
		selfUrl: `${ORIGIN}/feeds/alerts.atom?geohash=wtw3s`,
		lang,
		now: new Date('2026-11-26T00:00:00Z'),
		timeZone: 'Asia/Shanghai',
		items: [
			{ row: CANCELLED_ROW, history: CANCELLED, index: 0 },
			{ row: PUBLISHED, history: OPEN, index: 0 },
			{ row: CANCELLED_ROW, history: CANCELLED, index: 1 }
		]
	});
}

describe('Atom feed', () => {
	it('has one entry per CAP message, newest first, each embedding a valid CAP document', async () => {
		const xml = feed();
		const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((match) => match[1]!);
		expect(entries.map((entry) => /<id>(.*?)<\/id>/.exec(entry)![1])).toEqual([
			'urn:reunion:reunion.example:case:c-abc:v3',
			'urn:reunion:reunion.example:case:c-gone:v5',
			'urn:reunion:reunion.example:case:c-gone:v2'
		]);
		for (const entry of entries) {
			const cap = /<content type="application\/cap\+xml">(<cap:alert [\s\S]*<\/cap:alert>)<\/content>/.exec(
				entry
			)![1]!;
			await expectValidCap(`<?xml version="1.0" encoding="UTF-8"?>\n${cap}`);
		}
		expect(entries[1]).toContain('<cap:msgType>Cancel</cap:msgType>');
		expect(entries[1]).toContain('<title>Alert withdrawn: sent in error</title>');
		expect(xml).toContain('<updated>2026-11-25T03:30:00Z</updated>');
		expect(xml).toContain(
			`<link rel="self" type="application/atom+xml" href="${ORIGIN}/feeds/alerts.atom?geohash=wtw3s"/>`
		);
	});

	it('keeps markup in case fields as text and the withdrawn child out of every entry', () => {
		const xml = feed();
		expectNoRawMarkup(xml);
		const gone = [...xml.matchAll(/<entry><id>[^<]*c-gone[^<]*<\/id>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
		expect(gone).toHaveLength(2);
		for (const entry of gone) expect(entry).not.toContain('王');
	});

	it('titles the feed and its entries in the asked language', () => {
		expect(feed('zh-CN')).toContain('xml:lang="zh-CN"');
		expect(feed('zh-CN')).toContain('<title>团圆 儿童失踪警报</title>');
		expect(feed('en')).toContain('<title>Missing child: 王&lt;小&gt;明 &amp; &quot;Tom&quot;, 7</title>');
	});
});
