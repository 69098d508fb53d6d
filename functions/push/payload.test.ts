import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePushMessage, MAX_MESSAGE_BYTES, PushMessageTooLargeError, type PushMessage } from './payload';

// fatal: a split UTF-8 sequence would throw instead of turning into U+FFFD.
const decoder = new TextDecoder('utf-8', { fatal: true });

function message(overrides: Partial<PushMessage> = {}): PushMessage {
	return {
		kind: 'alert',
		caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
		title: '紧急寻人：周小可，8 岁',
		body: '最后出现在成都市锦江区春熙路，身穿红色外套。',
		image: 'https://reunion.example/photos/0f8fad5b.jpg',
		url: '/cases/0f8fad5b-d9cb-469f-a165-70867728950e',
		...overrides
	};
}

// Text mixing ASCII, CJK (3 bytes), emoji (4 bytes, surrogate pairs) and characters JSON must escape.
const text = fc
	.array(fc.constantFrom('a', ' ', '"', '\\', '\n', '\u0001', '孩', '子', '😀', '👧🏻', 'é'), {
		maxLength: 3000
	})
	.map((parts) => parts.join(''));

describe('encodePushMessage', () => {
	it('leaves a message that fits untouched', () => {
		const msg = message({ exercise: true });
		expect(JSON.parse(decoder.decode(encodePushMessage(msg)))).toEqual(msg);
	});

	it('always fits the budget, keeps every other field, and cuts the body to the longest prefix that fits', () => {
		fc.assert(
			fc.property(text, text, (title, body) => {
				const msg = message({ title: title.slice(0, 200), body });
				const bytes = encodePushMessage(msg);
				expect(bytes.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
				const out = JSON.parse(decoder.decode(bytes)) as PushMessage;
				expect({ ...out, body: msg.body }).toEqual(msg);
				if (out.body === msg.body) return;
				const kept = Array.from(out.body.slice(0, -1));
				expect(out.body.endsWith('…')).toBe(true);
				expect(Array.from(msg.body).slice(0, kept.length)).toEqual(kept);
				// One more code point would not have fitted.
				const longer =
					Array.from(msg.body)
						.slice(0, kept.length + 1)
						.join('') + '…';
				expect(new TextEncoder().encode(JSON.stringify({ ...msg, body: longer })).length).toBeGreaterThan(
					MAX_MESSAGE_BYTES
				);
			}),
			{ numRuns: 150 }
		);
	});

	it('never splits a surrogate pair', () => {
		const out = JSON.parse(
			decoder.decode(encodePushMessage(message({ body: '😀'.repeat(2000) })))
		) as PushMessage;
		expect(out.body).toMatch(/^(😀)+…$/u);
	});

	it('cuts the title too when the title alone is too long', () => {
		const out = JSON.parse(
			decoder.decode(encodePushMessage(message({ title: '孩'.repeat(2000), body: 'x'.repeat(100) })))
		) as PushMessage;
		expect(out.body).toBe('');
		expect(out.title).toMatch(/^孩+…$/);
	});

	it('throws PushMessageTooLargeError when the other fields alone are too large', () => {
		expect(() => encodePushMessage(message({ url: `/cases/${'x'.repeat(4000)}` }))).toThrow(
			PushMessageTooLargeError
		);
	});

	it('takes a smaller budget', () => {
		expect(encodePushMessage(message({ body: 'y'.repeat(1000) }), 500).length).toBeLessThanOrEqual(500);
	});
});
