import { describe, expect, it } from 'vitest';
import { readFeed } from '../../tests/support/feed-reader';
import type { CaseRow } from '../db/cases';
import { atomFeed } from './atom';
import type { CapMessage } from './cap-history';
import { ORIGIN, PUBLISHED } from './testing/fixtures';

const ROW: CaseRow = {
	...PUBLISHED,
	child_name: '王小明',
	place_name: '上海市人民广场',
	clothing: null,
	description: null
};
const HISTORY: CapMessage[] = [
	{ version: 3, kind: 'alert', sentAt: '2026-11-25T03:30:00Z', radiusKm: 100 },
	{
		version: 3,
		repeat: 2,
		kind: 'update',
		sentAt: '2026-11-25T05:00:00Z',
		radiusKm: 100,
		text: '有人在车站见到'
	}
];

function feed(lang: 'zh-CN' | 'en') {
	return atomFeed({
		origin: ORIGIN,
		selfUrl: `${ORIGIN}/feeds/alerts.atom`,
		lang,
		now: new Date('2026-11-26T00:00:00Z'),
		timeZone: 'Asia/Shanghai',
		items: HISTORY.map((_, index) => ({ row: ROW, history: HISTORY, index }))
	});
}

describe('the Atom feed in Python feedparser', () => {
	it('shows every entry with a readable summary in the feed’s language, newest first', () => {
		const read = readFeed(feed('en'));
		expect(read.bozo_exception).toBe('');
		expect(read.entries.map((entry) => entry.id)).toEqual([
			'urn:reunion:reunion.example:case:c-abc:v3-2',
			'urn:reunion:reunion.example:case:c-abc:v3'
		]);
		const [update, alert] = read.entries;
		expect(alert!.summary_type).toBe('text/plain');
		expect(alert!.summary).toContain('Missing child: 王小明, 7');
		expect(alert!.summary).toContain('上海市人民广场');
		expect(alert!.summary).toContain('2026-11-25 11:10');
		expect(alert!.summary).not.toMatch(/<|Rescue|Immediate/);
		expect(update!.summary).toContain('有人在车站见到');
		expect(update!.summary).toContain('王小明');
		expect(read.entries.every((entry) => entry.tags.length === 0)).toBe(true);
		expect(alert!.content_types).toEqual(['application/cap+xml']);
		// The CAP document stays the content; its elements do not leak into the reader's own fields.
		expect(read.entries.map((entry) => [entry.cap_identifier, entry.cap_msgtype])).toEqual([
			['urn:reunion:reunion.example:case:c-abc:v3-2', 'Update'],
			['urn:reunion:reunion.example:case:c-abc:v3', 'Alert']
		]);
	});

	it('summarises in Chinese for the Chinese feed', () => {
		const read = readFeed(feed('zh-CN'));
		expect(read.feed_language).toBe('zh-CN');
		expect(read.entries[1]!.summary).toContain('王小明');
		expect(read.entries[1]!.summary).toContain('7 岁');
		expect(read.entries[1]!.summary).toContain('上海市人民广场');
	});
});
