import { reduceName } from '../../src/lib/privacy/reduce-name';
import { deliverAnnouncement, recordCaseChange } from '../case-changes';
import { withAudit } from '../db/audit';
import { forgetAnnouncementTextsStatement } from '../db/case-announcements';
import { getCaseRow } from '../db/cases';
import {
	casesDueForContactDeletion,
	casesDueForRetention,
	clearContactsStatements,
	reduceCaseStatements
} from '../db/retention';
import type { Env } from '../env';
import { TIP_PHOTO_PREFIX } from '../tips/photo';

const DAY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 7;
/** Tipsters' contact details outlive the case's public traces only as long as police may still call back. */
export const CONTACT_RETENTION_DAYS = 90;
// Per Cron minute: a backlog drains over a few minutes instead of one invocation running into its limits.
const PER_RUN = 25;

export function retentionDays(env: Pick<Env, 'RETENTION_DAYS'>): number {
	const days = Number(env.RETENTION_DAYS);
	return Number.isFinite(days) && days >= 0 ? days : DEFAULT_RETENTION_DAYS;
}

/**
 * API.md "Cases in public view": RETENTION_DAYS after resolution every R2 object of the case (its photos and its
 * clues' photos) is deleted, texts cleared and the name reduced; then the case-change seam hears `withdrawn`.
 *
 * The sweep does the deleting itself rather than a listener: the seam's rule is that a change is committed
 * before it is announced and that every listener is handed the case as it is after the change. A deleting
 * listener would hand the others (public cache, partner webhooks) the full row, or depend on running first and
 * re-reading it. So the row announced is read back after the reduction, and the listeners only react: the public
 * cache moves its generation, webhooks tell partners, push and live alerts stay silent (see their files).
 * Objects go first: a failure in between leaves the case due, and the next minute finishes it (deleting is
 * idempotent, and the reduction runs once: `retained_at`).
 */
export async function applyRetention(env: Env, now: Date): Promise<number> {
	const cutoff = new Date(now.getTime() - retentionDays(env) * DAY_MS);
	const due = await casesDueForRetention(env.DB, cutoff, PER_RUN);
	const failures: unknown[] = [];
	for (const row of due) {
		for (const prefix of [`cases/${row.id}/`, `${TIP_PHOTO_PREFIX}${row.id}/`])
			await deletePrefix(env, prefix);
		// Audited like a radius step (the detail names no one): the log shows when the child left public view. The
		// reduction guards the batch, so a run that lost the race writes no audit row either.
		const entry = { userId: null, username: 'cron', action: 'retention', caseId: row.id, detail: {} };
		const announcement = recordCaseChange(env.DB, row.id, { kind: 'withdrawn' }, now);
		const statements = reduceCaseStatements(env.DB, row.id, reduceName(row.child_name), now);
		const [reduced] = await withAudit(
			env,
			entry,
			[...statements, forgetAnnouncementTextsStatement(env.DB, row.id), announcement.statement],
			now
		);
		if (!reduced || reduced.meta.changes === 0) continue; // another run reduced it first and announced it
		const after = await getCaseRow(env.DB, row.id);
		// One case's failing listener must not keep the next cases' photos public; the first failure is rethrown
		// (the announcement itself stays in the outbox and is delivered again).
		if (after) failures.push(...(await deliverAnnouncement(env, announcement.id, after, now)).failures);
	}
	const contactCutoff = new Date(now.getTime() - CONTACT_RETENTION_DAYS * DAY_MS);
	for (const caseId of await casesDueForContactDeletion(env.DB, contactCutoff, PER_RUN))
		await env.DB.batch(clearContactsStatements(env.DB, caseId, now));
	if (failures.length) throw failures[0];
	return due.length;
}

async function deletePrefix(env: Env, prefix: string): Promise<void> {
	let cursor: string | undefined;
	do {
		const listed = await env.PHOTOS.list({ prefix, cursor });
		if (listed.objects.length) await env.PHOTOS.delete(listed.objects.map((o) => o.key));
		cursor = listed.truncated ? listed.cursor : undefined;
	} while (cursor);
}
