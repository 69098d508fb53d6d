import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../signing/canonical-json';
import { snippets } from './snippets';

describe('the /developers verification snippet', () => {
	it('verifies a signed alert exactly as the server signs it', async () => {
		const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const alert = {
			id: 'c-1',
			childName: '王小明',
			age: 7,
			photoUrl: null,
			placeName: 'a "b" \\ c',
			lat: 31.2
		};
		const sig = sign('sha256', Buffer.from(canonicalJson(alert)), {
			key: privateKey,
			dsaEncoding: 'ieee-p1363'
		});
		const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1' };
		const item = { ...alert, distanceKm: 3.2, signature: { kid: 'k1', sig: sig.toString('base64url') } };
		const responses: Record<string, unknown> = {
			'https://r.example/.well-known/reunion-keys.json': { keys: [jwk] },
			'https://r.example/api/alerts?lat=31.2&lon=121.5': { alerts: [item] }
		};
		const fakeFetch = async (url: string) => ({ json: async () => responses[url] });
		const code = snippets('https://r.example', { lat: 31.2, lon: 121.5, lang: 'en' }).verify;
		// The snippet as a reader pastes it, run with a stand-in fetch: true as served, false once tampered.
		const run = new Function('fetch', `return (async () => { ${code}; return ok; })();`) as (
			f: typeof fakeFetch
		) => Promise<boolean>;
		expect(await run(fakeFetch)).toBe(true);
		item.age = 8;
		expect(await run(fakeFetch)).toBe(false);
	});
});
