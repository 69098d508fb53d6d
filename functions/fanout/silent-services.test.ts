import { describe, expect, it } from 'vitest';
import type { PushOutcome } from '../push';
import { silentServices } from './silent-services';

const timeout: PushOutcome = { status: 'retry', reason: 'no answer within 10000 ms' };
const busy: PushOutcome = { status: 'retry', httpStatus: 503, reason: 'HTTP 503' };
const ok: PushOutcome = { status: 'delivered', httpStatus: 201 };

describe('a push service that stops answering', () => {
	it('is skipped for the rest of the invocation after 3 timeouts in a row, per origin', () => {
		const silent = silentServices();
		const dead = (n: number) => `https://dead.example/push/${n}`;
		for (let n = 0; n < 3; n++) {
			expect(silent.skip(dead(n))).toBeNull();
			silent.heard(dead(n), timeout);
		}
		expect(silent.skip(dead(3))).toMatchObject({
			status: 'retry',
			reason: expect.stringContaining('dead.example')
		});
		// Another service is not held responsible.
		expect(silent.skip('https://fcm.googleapis.com/fcm/send/x')).toBeNull();
	});

	it('forgives on any answer, and does not count answers that are not timeouts', () => {
		const silent = silentServices();
		const at = 'https://slow.example/push/1';
		for (const outcome of [timeout, timeout, ok, timeout, busy, timeout, timeout]) silent.heard(at, outcome);
		expect(silent.skip(at)).toBeNull();
		silent.heard(at, timeout);
		expect(silent.skip(at)).not.toBeNull();
	});
});
