// held_alerts (migration 0022): new alerts a device's quiet hours hold back until the Cron release.

export interface HeldAlert {
	subscriptionId: string;
	caseId: string;
	/** The send batch of the fan-out step that held it. */
	batchId: string;
	geohash: string;
	releaseAt: string;
}

/** A due held alert with the state of its case now (the release drops those of closed cases). */
export interface DueHeldAlert {
	subscriptionId: string;
	caseId: string;
	caseStatus: string | null;
}

const INSERT = `INSERT INTO held_alerts (subscription_id, case_id, batch_id, geohash, release_at, created_at)
	VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, case_id) DO NOTHING`;
const DUE_DEVICES = `SELECT DISTINCT subscription_id FROM held_alerts WHERE release_at <= ? ORDER BY subscription_id LIMIT ?`;
// D1 allows 100 bound parameters per query: the release asks for at most MAX_DEVICES_PER_QUERY devices at once.
export const MAX_DEVICES_PER_QUERY = 90;

export function insertHeldStatement(db: D1Database, held: HeldAlert, now: Date): D1PreparedStatement {
	return db
		.prepare(INSERT)
		.bind(held.subscriptionId, held.caseId, held.batchId, held.geohash, held.releaseAt, now.toISOString());
}

/** Devices with at least one held alert due at `now`, in key order. */
export async function dueHeldDevices(db: D1Database, now: Date, limit: number): Promise<string[]> {
	const { results } = await db
		.prepare(DUE_DEVICES)
		.bind(now.toISOString(), Math.min(limit, MAX_DEVICES_PER_QUERY))
		.all<{ subscription_id: string }>();
	return results.map((row) => row.subscription_id);
}

/** Every due held alert of these devices, with its case's status (null when the case is gone). */
export async function dueHeldAlertsOf(db: D1Database, devices: string[], now: Date): Promise<DueHeldAlert[]> {
	if (!devices.length) return [];
	const placeholders = devices.map(() => '?').join(', ');
	const { results } = await db
		.prepare(
			`SELECT h.subscription_id, h.case_id, c.status FROM held_alerts h LEFT JOIN cases c ON c.id = h.case_id
			 WHERE h.subscription_id IN (${placeholders}) AND h.release_at <= ? ORDER BY h.subscription_id, h.created_at`
		)
		.bind(...devices, now.toISOString())
		.all<{ subscription_id: string; case_id: string; status: string | null }>();
	return results.map((r) => ({ subscriptionId: r.subscription_id, caseId: r.case_id, caseStatus: r.status }));
}

/** Removes the due held alerts of these devices once released (or dropped). */
export function deleteDueHeldStatement(db: D1Database, devices: string[], now: Date): D1PreparedStatement {
	const placeholders = devices.map(() => '?').join(', ');
	return db
		.prepare(`DELETE FROM held_alerts WHERE subscription_id IN (${placeholders}) AND release_at <= ?`)
		.bind(...devices, now.toISOString());
}

const BRING_FORWARD = `UPDATE held_alerts SET release_at = ?2 WHERE subscription_id = ?1 AND release_at > ?2`;

/**
 * A device whose quiet hours changed gets its held alerts no later than its new hours allow: `releaseBy` is the
 * end of the new hours, or now when they were turned off or no longer cover the present.
 */
export async function bringForwardRelease(
	db: D1Database,
	subscriptionId: string,
	releaseBy: Date
): Promise<void> {
	await db.prepare(BRING_FORWARD).bind(subscriptionId, releaseBy.toISOString()).run();
}
