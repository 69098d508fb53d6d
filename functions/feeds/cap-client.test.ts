import { CAP_1_2 } from '@dec112/cap-ts';
import { describe, expect, it } from 'vitest';
import type { CapMessageRow } from '../db/cap-messages';
import type { CaseRow } from '../db/cases';
import { recordedHistory } from './cap-history';
import { capAlert, capDocument } from './cap';
import { expectValidCap, ORIGIN, PUBLISHED } from './testing/fixtures';

const { Alert_msgType: MsgType, Alert_status: Status } = CAP_1_2;

/** A CAP consumer's view: @dec112/cap-ts, an independent CAP 1.2 parser. */
const parse = (xml: string) => CAP_1_2.Alert.fromXML(xml);

function recorded(
	row: CaseRow,
	seq: number,
	kind: CapMessageRow['kind'],
	at: string,
	extra: Partial<CapMessageRow> = {}
): CapMessageRow {
	return {
		case_id: row.id,
		seq,
		version: row.version,
		repeat: 0,
		kind,
		radius_step: 0,
		radius_km: row.radius_km,
		text: null,
		sent_at: at,
		snapshot: JSON.stringify(row),
		sender: null,
		...extra
	};
}

describe('CAP 1.2 as a consumer reads it', () => {
	it('writes UTC as -00:00, a draft as Draft, and never "110 or 110"', async () => {
		const draft = await parse(capAlert({ ...PUBLISHED, status: 'draft', published_at: null }, ORIGIN));
		expect(draft.status).toBe(Status.draft);
		const alert = await parse(capAlert(PUBLISHED, ORIGIN));
		expect(alert.status).toBe(Status.actual);
		expect(alert.sent).toBe('2026-11-25T03:30:00-00:00');
		for (const info of alert.info_list) {
			expect(info.expires).toMatch(/-00:00$/);
			expect(info.instruction).toMatch(/110/);
			expect(info.instruction).not.toMatch(/110\D+110/);
		}
		const other = await parse(capAlert({ ...PUBLISHED, contact_phone: '021-1234 5678' }, ORIGIN));
		expect(other.info_list[1]!.instruction).toBe('If you have seen this child, call 021-1234 5678 or 110.');
	});

	it('keeps every message as it was sent while the case changes, one identifier per message', async () => {
		const v3 = PUBLISHED;
		const v4: CaseRow = {
			...v3,
			version: 4,
			radius_km: 200,
			photo_key: 'photos/c-abc/2.webp',
			description: '新描述'
		};
		const v5: CaseRow = {
			...v4,
			version: 5,
			status: 'resolved',
			outcome: 'found_safe',
			resolved_at: '2026-11-25T09:00:00Z'
		};
		const steps: CapMessageRow[] = [
			recorded(v3, 1, 'alert', '2026-11-25T03:30:00Z'),
			recorded(v3, 2, 'update', '2026-11-25T04:00:00Z', { repeat: 2, text: '车站' }),
			recorded(v4, 3, 'update', '2026-11-25T05:00:00Z', { radius_step: 1 }),
			recorded(v5, 4, 'resolved', '2026-11-25T09:00:00Z', { text: '已找到' })
		];
		const seen = new Map<string, string>();
		for (let n = 1; n <= steps.length; n++) {
			// The case as it stands after step n: every earlier message must render exactly as it did before.
			const now = [v3, v3, v4, v5][n - 1]!;
			const history = recordedHistory(now, steps.slice(0, n));
			for (let i = 0; i < n; i++) {
				const xml = capDocument(now, history.slice(0, i + 1), ORIGIN);
				const { identifier } = await parse(xml);
				if (seen.has(identifier)) expect(xml).toBe(seen.get(identifier));
				else seen.set(identifier, xml);
			}
			const latest = await parse(capDocument(now, history, ORIGIN));
			expect(latest.msgType).toBe(n === 1 ? MsgType.alert : MsgType.update);
			expect(latest.references?.split(' ') ?? []).toHaveLength(n - 1);
		}
		expect(seen.size).toBe(4);
		for (const xml of seen.values()) await expectValidCap(xml);
		const first = await parse([...seen.values()][0]!);
		expect(first.info_list[0]!.resource_list[0]!.uri).toContain('/photos/c-abc/1.webp');
	});

	it('names the issuing unit in sender, per message as sent; references keep each earlier sender', async () => {
		// Message 1 went out before units named the sender (NULL, migration 0092); the case then belonged to
		// 武汉市公安局, and a hand-over later gave it to 湖北省公安厅: each message keeps its own sender.
		const wuhan: CaseRow = { ...PUBLISHED, issuer_code: '420100', issuer_name: '武汉市公安局' };
		const hubei: CaseRow = { ...wuhan, version: 4, issuer_code: '420000', issuer_name: '湖北省公安厅' };
		const steps: CapMessageRow[] = [
			recorded(wuhan, 1, 'alert', '2026-11-25T03:30:00Z'),
			recorded(wuhan, 2, 'update', '2026-11-25T04:00:00Z', { repeat: 2, text: '车站', sender: '420100' }),
			recorded(hubei, 3, 'update', '2026-11-25T05:00:00Z', { text: '省厅接手', sender: '420000' })
		];
		const history = recordedHistory(hubei, steps);
		const senders = [];
		for (let i = 0; i < history.length; i++) {
			const xml = capDocument(hubei, history.slice(0, i + 1), ORIGIN);
			await expectValidCap(xml);
			senders.push((await parse(xml)).sender);
		}
		expect(senders).toEqual(['reunion@reunion.example', '420100@reunion.example', '420000@reunion.example']);
		const latest = await parse(capDocument(hubei, history, ORIGIN));
		expect(latest.references?.split(' ').map((triple) => triple.split(',')[0])).toEqual([
			'reunion@reunion.example',
			'420100@reunion.example'
		]);
		expect(latest.info_list.map((info) => info.senderName)).toEqual(['湖北省公安厅', '湖北省公安厅']);
		// A draft previews the sender it will be published with.
		const draft = await parse(capAlert({ ...hubei, status: 'draft', published_at: null }, ORIGIN));
		expect(draft.sender).toBe('420000@reunion.example');
	});
});
