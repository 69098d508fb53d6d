import { describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import type { QuietHours } from '../../src/lib/schemas';
import type { CaseRow } from '../db/cases';
import type { FanoutJob } from '../db/fanout-jobs';
import { quietColumns, quietFromColumns } from '../db/quiet-columns';
import type { Recipient } from '../db/recipients';
import { splitForQuietHours } from './quiet-hold';

const SHANGHAI = { lat: 31.2304, lon: 121.4737 };
const NEAR = encodeGeohash(SHANGHAI.lat, SHANGHAI.lon, 5);
const FAR = encodeGeohash(SHANGHAI.lat + 0.5, SHANGHAI.lon, 5); // ≈ 55 km north
const NIGHT: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' };
const at = (iso: string) => new Date(iso);

const job = (over: Partial<FanoutJob> = {}) =>
	({ id: 'c1:alert:1', caseId: 'c1', kind: 'alert', exercise: false, batchSeq: 3, ...over }) as FanoutJob;
const caseSeen = (lastSeenAt: string) => ({ id: 'c1', ...SHANGHAI, last_seen_at: lastSeenAt }) as CaseRow;
const device = (id: string, region: string, hours: QuietHours | null = NIGHT): Recipient => ({
	id,
	endpoint: `https://push.example/${id}`,
	p256dh: 'p',
	auth: 'a',
	lang: 'zh-CN',
	...(hours ? { quiet: { hours, region } } : {})
});

describe('splitForQuietHours', () => {
	// 02:00 in Shanghai on 29 November (UTC+8): inside 22:00–07:00, across midnight.
	const night = at('2026-11-28T18:00:00Z');
	const seenAgo = (hours: number) => new Date(night.getTime() - hours * 3_600_000).toISOString();

	it('holds a new alert in quiet hours until their end the next morning, in the device’s zone', () => {
		const { send, held } = splitForQuietHours(job(), caseSeen(seenAgo(5)), [device('d1', NEAR)], night);
		expect(send).toEqual([]);
		expect(held).toEqual([
			{
				subscriptionId: 'd1',
				caseId: 'c1',
				batchId: 'c1:alert:1#000003',
				geohash: NEAR,
				releaseAt: '2026-11-28T23:00:00.000Z' // 07:00 on the 29th in Shanghai
			}
		]);
	});

	it('sends at once when the child was seen under 3 h ago within 25 km of the region (the cell centre)', () => {
		const recent = caseSeen(seenAgo(2.9));
		const { send, held } = splitForQuietHours(
			job(),
			recent,
			[device('near', NEAR), device('far', FAR)],
			night
		);
		expect(send.map((r) => r.id)).toEqual(['near']);
		expect(held.map((h) => h.subscriptionId)).toEqual(['far']);
		// Exactly 3 h is no longer "under 3 h".
		expect(splitForQuietHours(job(), caseSeen(seenAgo(3)), [device('near', NEAR)], night).held).toHaveLength(
			1
		);
	});

	it('reads each device’s own clock: 02:00 in Shanghai is 18:00 in London, outside London’s night', () => {
		const london = device('london', NEAR, { ...NIGHT, timeZone: 'Europe/London' });
		const { send } = splitForQuietHours(job(), caseSeen(seenAgo(5)), [london, device('sh', NEAR)], night);
		expect(send.map((r) => r.id)).toEqual(['london']);
	});

	it('never holds outside quiet hours, without them, an exercise, or a follow-up message', () => {
		const old = caseSeen(seenAgo(5));
		const noon = at('2026-11-29T04:00:00Z'); // 12:00 in Shanghai
		expect(splitForQuietHours(job(), old, [device('d', FAR)], noon).held).toEqual([]);
		expect(splitForQuietHours(job(), old, [device('d', FAR, null)], night).held).toEqual([]);
		expect(splitForQuietHours(job({ exercise: true }), old, [device('d', FAR)], night).held).toEqual([]);
		for (const kind of ['update', 'resolved', 'cancelled'] as const)
			expect(splitForQuietHours(job({ kind }), old, [device('d', FAR)], night).held).toEqual([]);
	});

	it('queues recipients without their quiet-hours data', () => {
		const { send } = splitForQuietHours(job(), caseSeen(seenAgo(1)), [device('d', NEAR)], night);
		expect(send).toEqual([
			{ id: 'd', endpoint: 'https://push.example/d', p256dh: 'p', auth: 'a', lang: 'zh-CN' }
		]);
	});
});

describe('quiet-hours columns', () => {
	it('round-trip through minutes after midnight, and null clears all three', () => {
		expect(quietColumns(NIGHT)).toEqual({ quiet_start: 1320, quiet_end: 420, quiet_zone: 'Asia/Shanghai' });
		expect(quietFromColumns(quietColumns(NIGHT))).toEqual(NIGHT);
		expect(quietFromColumns(quietColumns({ start: '00:05', end: '23:59', timeZone: 'UTC' }))).toEqual({
			start: '00:05',
			end: '23:59',
			timeZone: 'UTC'
		});
		expect(quietColumns(null)).toEqual({ quiet_start: null, quiet_end: null, quiet_zone: null });
		expect(quietFromColumns({})).toBeNull();
	});
});
