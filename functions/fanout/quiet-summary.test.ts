import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../db/cases';
import { encodePushMessage } from '../push/payload';
import { buildSummaryMessages, SUMMARY_TAG } from './quiet-summary';

const row = (id: string, name: string) =>
	({
		id,
		child_name: name,
		age: 7,
		place_name: '昆明市五华区',
		published_at: '2026-11-28T00:00:00Z'
	}) as CaseRow;

describe('the quiet-hours summary', () => {
	it('names one case and opens its page', () => {
		const { en, 'zh-CN': zh } = buildSummaryMessages([row('c1', '段小雨')]);
		expect(en).toMatchObject({ kind: 'summary', caseId: SUMMARY_TAG, url: '/cases/c1', cases: ['c1'] });
		expect(en.title).toBe('A missing-child alert near you during your quiet hours');
		expect(zh.title).toBe('免打扰时段内，您附近有 1 条儿童走失警报');
		expect(zh.body).toBe('段小雨（7 岁），昆明市五华区');
	});

	it('counts several, lists each, and opens the home page', () => {
		const { en } = buildSummaryMessages([row('c1', 'Duan'), row('c2', 'Li'), row('c3', 'Wang')]);
		expect(en.title).toBe('3 missing-child alerts near you during your quiet hours');
		expect(en.body).toBe('Duan (7), 昆明市五华区; Li (7), 昆明市五华区; Wang (7), 昆明市五华区');
		expect(en).toMatchObject({ url: '/', cases: ['c1', 'c2', 'c3'] });
	});

	it('stays inside the push budget however many cases a night held', () => {
		const many = Array.from({ length: 200 }, (_, i) =>
			row(`case-${i}-${'x'.repeat(30)}`, '很长的名字'.repeat(5))
		);
		const { 'zh-CN': zh } = buildSummaryMessages(many);
		expect(zh.cases).toHaveLength(20);
		expect(() => encodePushMessage(zh)).not.toThrow();
		expect(zh.title).toContain('200');
	});
});
