import type { AuditRow } from '../db/audit';
import { auditHead, auditLink, auditRowsAfter } from '../db/audit-export';
import type { Env } from '../env';
import { sha256Base64Url } from '../lib/hash';

/**
 * The audit log's copy outside D1 (docs/backup.md). Every minute the rows after the last exported one go to R2
 * as one new object per run, named by the ids it holds, never rewritten. A D1 restore (Time Travel, an import)
 * can take the database back; it cannot take back these objects, and the next run notices that the database is
 * behind them instead of exporting a second, different history under the same ids.
 */
export const HEAD_KEY = 'audit/head.json';
const PAGE = 1000;
const PAGES_PER_RUN = 5;

/** Where the export stands: the last row exported, its chain hash and the object that holds it. */
export interface ExportHead {
	lastId: number;
	lastHash: string;
	key: string;
	at: string;
}

/** The database lacks the last exported row, or holds another row under its id: restored to an older point. */
export interface BehindReport {
	state: 'behind';
	exportedThroughId: number;
	databaseHeadId: number | null;
}

export type ExportReport =
	| { state: 'exported'; rows: number; objects: string[]; lastId: number }
	| { state: 'up-to-date'; lastId: number }
	| BehindReport;

/** `audit/2026-12-06/000000000101-000000000150.jsonl`: the day of its first row, then its first and last ids. */
export function objectKey(rows: AuditRow[]): string {
	const pad = (id: number) => String(id).padStart(12, '0');
	return `audit/${rows[0]!.at.slice(0, 10)}/${pad(rows[0]!.id)}-${pad(rows.at(-1)!.id)}.jsonl`;
}

export async function readExportHead(bucket: R2Bucket): Promise<ExportHead | null> {
	const object = await bucket.get(HEAD_KEY);
	return object ? ((await object.json()) as ExportHead) : null;
}

/** Compares the database with the export; null when the database holds everything exported, unchanged. */
export async function exportBehind(env: Pick<Env, 'DB' | 'AUDIT_ARCHIVE'>): Promise<BehindReport | null> {
	const head = await readExportHead(env.AUDIT_ARCHIVE);
	if (!head) return null;
	const link = await auditLink(env.DB, head.lastId);
	if (link?.hash === head.lastHash) return null;
	return {
		state: 'behind',
		exportedThroughId: head.lastId,
		databaseHeadId: (await auditHead(env.DB))?.id ?? null
	};
}

export async function exportAuditLog(
	env: Pick<Env, 'DB' | 'AUDIT_ARCHIVE'>,
	now: Date
): Promise<ExportReport> {
	const behind = await exportBehind(env);
	if (behind) {
		// Exporting now would write a second history under ids already exported: stop and say so every minute
		// until an operator replays the exported rows into the database (docs/backup.md, "After a restore").
		console.error(
			`audit export: the database is behind the export (exported through id ${behind.exportedThroughId}, ` +
				`database head ${behind.databaseHeadId ?? 'none'}); nothing exported`
		);
		return behind;
	}
	let head = await readExportHead(env.AUDIT_ARCHIVE);
	const objects: string[] = [];
	let rows = 0;
	for (let page = 0; page < PAGES_PER_RUN; page++) {
		const batch = await auditRowsAfter(env.DB, head?.lastId ?? 0, PAGE);
		if (batch.length === 0) break;
		const key = objectKey(batch);
		const body = batch.map((row) => JSON.stringify(row)).join('\n') + '\n';
		const digest = await sha256Base64Url(body);
		const existing = await env.AUDIT_ARCHIVE.head(key);
		// A run that died after writing the object but before moving the head wrote these same rows: keep it.
		if (!existing) {
			await env.AUDIT_ARCHIVE.put(key, body, {
				httpMetadata: { contentType: 'application/x-ndjson' },
				customMetadata: { sha256: digest, firstId: String(batch[0]!.id), lastId: String(batch.at(-1)!.id) }
			});
		} else if (existing.customMetadata?.sha256 !== digest) {
			// Only a lost or edited head pointer leads here: the object wins, the database is the one behind.
			console.error(`audit export: ${key} exists with other content; nothing overwritten`);
			return {
				state: 'behind',
				exportedThroughId: Number(existing.customMetadata?.lastId ?? 0),
				databaseHeadId: (await auditHead(env.DB))?.id ?? null
			};
		}
		const last = batch.at(-1)!;
		head = { lastId: last.id, lastHash: last.hash, key, at: now.toISOString() };
		await env.AUDIT_ARCHIVE.put(HEAD_KEY, JSON.stringify(head), {
			httpMetadata: { contentType: 'application/json' }
		});
		objects.push(key);
		rows += batch.length;
		if (batch.length < PAGE) break;
	}
	return objects.length > 0
		? { state: 'exported', rows, objects, lastId: head!.lastId }
		: { state: 'up-to-date', lastId: head?.lastId ?? 0 };
}
