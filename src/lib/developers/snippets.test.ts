import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../signing/canonical-json';
import { newWebhookSecret, signWebhook } from '../../../functions/webhooks/sign';
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

describe('the /developers webhook receiver snippet', () => {
	it('runs as pasted: 204 for a signed delivery, 400 for a tampered or unsigned one', async () => {
		const secret = newWebhookSecret();
		const code = snippets('https://r.example', { lat: 31.2, lon: 121.5, lang: 'en' }).webhooks;
		// Inside node_modules/.cache, so `standardwebhooks` resolves from this repository as from the reader's.
		// A fresh checkout has no node_modules/.cache until a tool makes one.
		mkdirSync(join('node_modules', '.cache'), { recursive: true });
		const dir = mkdtempSync(join('node_modules', '.cache', 'webhook-snippet-'));
		const file = join(dir, 'receiver.mjs');
		writeFileSync(file, code);
		const port = 20_000 + Math.floor(Math.random() * 20_000);
		const child = spawn(process.execPath, [file], {
			env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), REUNION_WEBHOOK_SECRET: secret },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		try {
			const post = async (headers: Record<string, string>, body: string) => {
				for (let tries = 0; ; tries++) {
					try {
						return (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers, body })).status;
					} catch (error) {
						if (tries > 100) throw error;
						await new Promise((resolve) => setTimeout(resolve, 100));
					}
				}
			};
			const body = JSON.stringify({
				type: 'case.alert',
				timestamp: new Date().toISOString(),
				data: { case: { id: 'c-1' } }
			});
			const headers = { ...signWebhook([secret], 'msg_1', new Date(), body) };
			expect(await post(headers, body)).toBe(204);
			expect(await post(headers, body.replace('c-1', 'c-2'))).toBe(400);
			expect(await post({}, body)).toBe(400);
		} finally {
			child.kill();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the /developers iframe snippet', () => {
	it('names the iframe in the snippet’s language', () => {
		const point = { lat: 31.2, lon: 121.5 };
		expect(snippets('https://r.example', { ...point, lang: 'zh-CN' }).iframe).toContain(
			'title="附近的儿童失踪警报"'
		);
		expect(snippets('https://r.example', { ...point, lang: 'en' }).iframe).toContain(
			'title="Missing-child alerts nearby"'
		);
	});
});
