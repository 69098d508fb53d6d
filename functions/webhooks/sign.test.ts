import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook } from './sign';

const BODY = JSON.stringify({ type: 'case.alert', timestamp: '2026-11-28T00:00:00.000Z', data: {} });

describe('webhook signatures', () => {
	it('makes whsec_ secrets of 32 random bytes', () => {
		const secret = newWebhookSecret();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
		expect(newWebhookSecret()).not.toBe(secret);
	});

	it('signs as the spec says: HMAC-SHA256 of "id.timestamp.body" under the decoded secret', () => {
		const secret = newWebhookSecret();
		const at = new Date();
		const headers = signWebhook([secret], 'msg_1', at, BODY);
		const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
			.update(`msg_1.${Math.floor(at.getTime() / 1000)}.${BODY}`)
			.digest('base64');
		expect(headers['webhook-signature']).toBe(`v1,${expected}`);
		expect(new Webhook(secret).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
	});

	it('signs with both secrets during a rotation, so either one verifies', () => {
		const [old, fresh] = [newWebhookSecret(), newWebhookSecret()];
		const headers = signWebhook([fresh, old], 'msg_2', new Date(), BODY);
		expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
		expect(() => new Webhook(old).verify(BODY, { ...headers })).not.toThrow();
		expect(() => new Webhook(fresh).verify(BODY, { ...headers })).not.toThrow();
		expect(() => new Webhook(newWebhookSecret()).verify(BODY, { ...headers })).toThrow();
		expect(() => new Webhook(fresh).verify(`${BODY} `, { ...headers })).toThrow();
	});
});
