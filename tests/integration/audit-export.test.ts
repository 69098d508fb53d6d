import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { exportAuditLog, exportBehind, HEAD_KEY, readExportHead } from '../../functions/cron/audit-export';
import { checkAuditChain, withAudit, type AuditRow } from '../../functions/db/audit';
import { cron } from './helpers/cron';

async function audit(n: number, action = 'export_test'): Promise<void> {
	for (let i = 0; i < n; i++)
		await withAudit(env, { userId: null, username: 'test', action, caseId: `case-${i}` }, []);
}

async function exportedObjects(): Promise<string[]> {
	const listed = await env.AUDIT_ARCHIVE.list({ prefix: 'audit/2' });
	return listed.objects.map((object) => object.key).sort();
}

async function exportedRows(): Promise<AuditRow[]> {
	const rows: AuditRow[] = [];
	for (const key of await exportedObjects()) {
		const text = await (await env.AUDIT_ARCHIVE.get(key))!.text();
		rows.push(
			...text
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as AuditRow)
		);
	}
	return rows;
}

async function databaseRows(): Promise<AuditRow[]> {
	const { results } = await env.DB.prepare('SELECT * FROM audit_log ORDER BY id').all<AuditRow>();
	return results;
}

/** What Time Travel or an import of an older export does to the log: the rows after `id` are gone. */
async function restoreTo(id: number): Promise<void> {
	await env.DB.batch([
		env.DB.prepare('DROP TRIGGER audit_log_no_delete'),
		env.DB.prepare('DELETE FROM audit_log WHERE id > ?').bind(id),
		env.DB.prepare(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
			SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
	]);
}

describe('the audit log’s export to R2 (Cron)', () => {
	it('exports every row on the Cron trigger, as written, in append-only objects named by their ids', async () => {
		await audit(5);
		await cron(new Date());
		const objects = await exportedObjects();
		expect(objects).toHaveLength(1);
		expect(objects[0]).toMatch(/^audit\/\d{4}-\d{2}-\d{2}\/\d{12}-\d{12}\.jsonl$/);
		expect(await exportedRows()).toEqual(await databaseRows());

		await audit(3);
		const report = await exportAuditLog(env, new Date());
		expect(report).toMatchObject({ state: 'exported', rows: 3 });
		expect(await exportedObjects()).toHaveLength(2);
		expect(await exportedRows()).toEqual(await databaseRows());
		expect((await readExportHead(env.AUDIT_ARCHIVE))?.lastId).toBe((await databaseRows()).at(-1)!.id);
	});

	it('is idempotent: a second run, and a run after one that died before moving its head, add nothing', async () => {
		const before = await exportedObjects();
		expect(await exportAuditLog(env, new Date())).toMatchObject({ state: 'up-to-date' });
		expect(await exportedObjects()).toEqual(before);

		const head = await (await env.AUDIT_ARCHIVE.get(HEAD_KEY))!.text();
		await audit(2);
		expect(await exportAuditLog(env, new Date())).toMatchObject({ state: 'exported', rows: 2 });
		const written = await exportedObjects();
		await env.AUDIT_ARCHIVE.put(HEAD_KEY, head); // the head as a run that died right after the object left it
		expect(await exportAuditLog(env, new Date())).toMatchObject({ state: 'exported', rows: 2 });
		expect(await exportedObjects()).toEqual(written);
		expect(await exportedRows()).toEqual(await databaseRows());
	});

	it('detects a database restored to before the export, and never overwrites what was exported', async () => {
		const exported = await exportedRows();
		const objects = await exportedObjects();
		const keep = exported.at(-4)!.id;
		await restoreTo(keep);
		expect((await checkAuditChain(env)).ok).toBe(true); // the older database is consistent on its own
		expect(await exportBehind(env)).toEqual({
			state: 'behind',
			exportedThroughId: exported.at(-1)!.id,
			databaseHeadId: keep
		});

		// Writes go on after the restore and reuse the lost ids: still behind, now with different rows.
		await audit(5, 'after_restore');
		expect(await exportAuditLog(env, new Date())).toMatchObject({ state: 'behind' });
		await cron(new Date());
		expect(await exportedObjects()).toEqual(objects);
		expect(await exportedRows()).toEqual(exported);
	});
});
