import { changedCaseTotals, latestBatchChange, type KindTotals } from '../db/send-batches';
import { markRolledUpStatement, rolledUpTo, shardTotalsOf, upsertTotalsStatement } from '../db/send-totals';
import type { Env } from '../env';
import { batchDatabases } from './batch-dbs';

/**
 * Each roll-up reads again the cases changed this long before the last change it saw: an outcome written with an
 * earlier clock (another consumer's `now`) that landed after that read is still counted. Totals are overwritten,
 * never added, so reading a case twice changes nothing.
 */
const OVERLAP_MS = 5 * 60_000;
/** A shard never rolled up starts here: older cases were settled before the upgrade, and readers go live. */
const FIRST_LOOK_BACK_MS = 24 * 3600_000;

/**
 * Cron (every minute, inside the fan-out sweep): the case database's per-shard totals (send_totals) catch up
 * with the batches each shard recorded since the last roll-up — one upsert per active case × kind × shard per
 * minute, whatever the number of batches. Returns how many statements it wrote.
 */
export async function rollUpSendTotals(env: Env, now: Date): Promise<number> {
	let written = 0;
	for (const { name, db } of batchDatabases(env)) {
		const to = await rolledUpTo(env.DB, name);
		const since = new Date(to ? Date.parse(to) - OVERLAP_MS : now.getTime() - FIRST_LOOK_BACK_MS);
		const latest = await latestBatchChange(db, since.toISOString());
		// Nothing new, and the overlap for late writers has passed: the shard's sums are not read again.
		if (!latest || (latest <= to && now.getTime() - Date.parse(to) > OVERLAP_MS)) continue;
		const totals = await changedCaseTotals(db, since.toISOString());
		// The overlap reads the last cases again every minute: only totals that moved are written, so a quiet
		// minute writes nothing.
		const stored = await shardTotalsOf(env.DB, name, [...new Set(totals.map((t) => t.caseId))]);
		const key = (t: KindTotals & { caseId: string }) =>
			JSON.stringify([t.caseId, t.kind, t.selected, t.delivered, t.gone, t.failed, t.firstAt, t.lastAt]);
		const unchanged = new Set(stored.map(key));
		const statements = totals
			.filter((t) => !unchanged.has(key(t)))
			.map((t) => upsertTotalsStatement(env.DB, name, t, now));
		if (latest > to) statements.push(markRolledUpStatement(env.DB, name, latest));
		if (statements.length) await env.DB.batch(statements);
		written += statements.length;
	}
	return written;
}
