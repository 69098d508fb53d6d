import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import type { PushMessage } from '../../src/lib/push/notification';
import type { LiveCaseMessage } from '../../src/lib/schemas/live';
import { listen, type Listener } from './helpers/live';
import { peer, storeDevices, waitForDeliveries } from './helpers/peer';
import { DRAFT, login, policeFetch, submitAndApprove } from './helpers/police';

let officer: string, approver: string;

beforeAll(async () => {
	officer = await login('demo-officer');
	approver = await login('demo-approver');
});

async function nextCaseMessage(listener: Listener, caseId: string): Promise<LiveCaseMessage> {
	for (;;) {
		const message = await listener.next();
		if (message.type === 'case' && message.case.id === caseId) return message;
	}
}

async function pushesTo(deviceId: string, kind: string): Promise<PushMessage[]> {
	const { received } = await peer.received();
	return received
		.filter((r) => r.id === deviceId)
		.map((r) => r.payload as PushMessage)
		.filter((message) => message.kind === kind);
}

// A device that hears a change both live and by push must see one announcement (src/lib/live/shown.ts): the two
// paths carry the same identity, case id + kind + `at`, and `at` is the time the case page shows for an update.
describe('one identity for an announcement, whichever path carries it', () => {
	it('gives an update the same `at` live, in the push and on the case page', async () => {
		await peer.reset();
		const deviceId = `identity-${crypto.randomUUID()}`;
		const [device] = await peer.register([deviceId]);
		await storeDevices([{ ...device!, regions: [encodeGeohash(DRAFT.lat, DRAFT.lon, 5)] }]);
		const shanghai = await listen('wtw');

		const created = await policeFetch(officer, 'POST', '/api/police/cases', {
			...DRAFT,
			childName: '同一通知'
		});
		const { id } = (await created.json()) as { id: string };
		await submitAndApprove(officer, approver, id, '同一通知');
		const alert = await nextCaseMessage(shanghai, id);
		await waitForDeliveries(id, 'alert', 1);
		const [pushedAlert] = await pushesTo(deviceId, 'alert');
		expect(pushedAlert?.caseId).toBe(id);
		expect(pushedAlert?.at).toBe(alert.at);

		const update = await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, {
			text: '同一条进展'
		});
		expect(update.status).toBe(201);
		const live = await nextCaseMessage(shanghai, id);
		expect(live.kind).toBe('update');
		await waitForDeliveries(id, 'update', 1);
		const [pushed] = await pushesTo(deviceId, 'update');
		expect(pushed?.at).toBeDefined();
		expect(pushed?.at).toBe(live.at);

		const page = (await (await SELF.fetch(`https://reunion.test/api/cases/${id}`)).json()) as {
			updates: Array<{ kind: string; text: string; at: string }>;
		};
		const posted = page.updates.find((u) => u.text === '同一条进展');
		expect(Date.parse(posted!.at)).toBe(Date.parse(pushed!.at!));
		shanghai.ws.close();
	});
});
