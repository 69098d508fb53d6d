import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { checkAuditChain, withAudit } from '../../functions/db/audit';

const entry = (n: number) => ({ userId: null, username: `writer-${n}`, action: 'sign_in_failed' });

describe('many writers at once on the audit chain', () => {
	it('all land, on one chain with a single first row, even when the log starts empty', async () => {
		const writers = Array.from({ length: 30 }, (_, n) => withAudit(env, entry(n), []));
		await Promise.all(writers);
		const roots = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log WHERE prev_id IS NULL`).first<{
			n: number;
		}>();
		expect(roots?.n).toBe(1);
		const rows = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log`).first<{ n: number }>();
		expect(rows?.n).toBe(30);
		expect(await checkAuditChain(env)).toMatchObject({ ok: true, rows: 30 });
	});
});
