import type { AuditEntry as ListedAuditEntry, ChainReport } from '../../src/lib/schemas';
import { keyingSecret, type Env } from '../env';
import { keyedHash } from '../lib/hash';

/** Where audit rows live and the key their chain is hashed with. */
export type AuditStore = Pick<Env, 'DB' | 'AUDIT_KEY' | 'REUNION_LOCAL'>;

/**
 * HMAC-SHA-256 under a secret kept outside D1: someone who can write the database but not read the Worker's
 * secrets cannot rewrite a row and recompute the chain after it.
 */
function chainHash(store: AuditStore, row: Omit<AuditRow, 'id' | 'hash'>): Promise<string> {
	return keyedHash(keyingSecret(store, 'AUDIT_KEY'), canonical(row));
}

export interface AuditEntry {
	userId: string | null;
	username: string | null;
	action: string;
	caseId?: string | null;
	detail?: Record<string, unknown>;
	ipHash?: string | null;
	/** The unit the row belongs to (the case's, else the actor's); scopes who reads it (migration 0090). */
	unitId?: string | null;
}

interface ChainHead {
	id: number;
	hash: string;
}

const HEAD = `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`;
const INSERT = `INSERT INTO audit_log (prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash,
	unit_id, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// Runs right after a guarded change; `changes()` is that statement's row count. When it matched nothing (a lost
// race) the CHECK on the always-empty table fails, and D1 rolls back the whole batch: the audit row and every
// follow-up statement go with it (migration 0011).
const STALE_GUARD = `INSERT INTO stale_change_guard (ok) SELECT 0 WHERE changes() = 0`;
const STALE_GUARD_FAILED = /CHECK constraint failed: ok > 0/i;
const COLUMNS = `id, prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, unit_id, hash`;
const ALL = `SELECT ${COLUMNS} FROM audit_log ORDER BY id`;
// ?3 = a JSON list of unit ids (a user's subtree) or NULL for every row; rows from before units belong to the root.
const IN_UNITS = `(?3 IS NULL OR coalesce(unit_id, 'root') IN (SELECT value FROM json_each(?3)))`;
const PAGE = `SELECT ${COLUMNS} FROM audit_log WHERE (?2 IS NULL OR id < ?2) AND ${IN_UNITS} ORDER BY id DESC LIMIT ?1`;

/** A stored row: exactly what GET /api/police/audit lists. */
export type AuditRow = ListedAuditEntry;

/**
 * The chained columns in one order: what the hash covers is exactly what is inserted. `unit_id` joins the list
 * only when set, so rows written before units (NULL) hash as they always did and their chain still verifies.
 */
function chainedValues(row: Omit<AuditRow, 'id' | 'hash'>): unknown[] {
	const values: unknown[] = [
		row.prev_id,
		row.at,
		row.user_id,
		row.username,
		row.action,
		row.case_id,
		row.detail,
		row.ip_hash,
		row.prev_hash
	];
	return row.unit_id === null || row.unit_id === undefined ? values : [...values, row.unit_id];
}

/** The values bound to INSERT: every chained column, with `unit_id` always in its place. */
function insertedValues(row: Omit<AuditRow, 'id' | 'hash'>): unknown[] {
	return [...chainedValues({ ...row, unit_id: null }), row.unit_id ?? null];
}

function canonical(row: Omit<AuditRow, 'id' | 'hash'>): string {
	return JSON.stringify(chainedValues(row));
}

/**
 * Prepares the next audit row after the current head. Run it in the same `batch()` as the change it records:
 * if another writer extended the chain first, the unique prev_id fails the whole batch and the caller retries.
 */
export async function auditStatement(
	store: AuditStore,
	entry: AuditEntry,
	now: Date
): Promise<D1PreparedStatement> {
	const db = store.DB;
	const head = await db.prepare(HEAD).first<ChainHead>();
	const row = {
		prev_id: head?.id ?? null,
		at: now.toISOString(),
		user_id: entry.userId,
		username: entry.username,
		action: entry.action,
		case_id: entry.caseId ?? null,
		detail: entry.detail ? JSON.stringify(entry.detail) : null,
		ip_hash: entry.ipHash ?? null,
		prev_hash: head?.hash ?? '',
		unit_id: entry.unitId ?? null
	};
	const hash = await chainHash(store, row);
	return db.prepare(INSERT).bind(...insertedValues(row), hash);
}

const HEAD_ATTEMPTS = 20;
const CHAIN_HEAD_TAKEN = /UNIQUE constraint failed: (audit_log\.prev_id|index 'audit_log_single_root')/i;

/**
 * Runs a change together with its audit row, retrying when a concurrent writer took the chain head. Results
 * come back in the order of `change`, the audit row's last. The first statement is the guard: when it matches
 * no row (a lost race) nothing of the batch is written, and every result reports `meta.changes === 0`, which is
 * how callers tell a lost race (409 / 404).
 */
export async function withAudit(
	store: AuditStore,
	entry: AuditEntry,
	change: D1PreparedStatement[],
	now = new Date()
): Promise<D1Result[]> {
	for (let attempt = 1; ; attempt++) {
		try {
			const [guarded, ...rest] = change;
			const audit = await auditStatement(store, entry, now);
			if (!guarded) return await store.DB.batch([audit]);
			const results = await store.DB.batch([guarded, store.DB.prepare(STALE_GUARD), audit, ...rest]);
			return [results[0]!, ...results.slice(3), results[2]!];
		} catch (error) {
			if (STALE_GUARD_FAILED.test(String(error))) return change.map(unchanged).concat(unchanged());
			// Only a lost race for the chain head is retried; any other constraint is the change's own failure.
			if (attempt >= HEAD_ATTEMPTS || !CHAIN_HEAD_TAKEN.test(String(error))) throw error;
			// Jittered, growing waits spread writers out: a burst of failed sign-ins all reach for the same head.
			await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 15));
		}
	}
}

/** What a statement that wrote nothing reports: the batch was rolled back. */
function unchanged(): D1Result {
	return {
		success: true,
		results: [],
		meta: {
			duration: 0,
			size_after: 0,
			rows_read: 0,
			rows_written: 0,
			last_row_id: 0,
			changed_db: false,
			changes: 0
		}
	};
}

/**
 * Newest first, for admins; `beforeId` continues from the last row of the previous page. `unitIds` limits the
 * rows to those units (an admin's subtree); undefined lists every row.
 */
export async function listAudit(
	db: D1Database,
	limit: number,
	beforeId?: number,
	unitIds?: readonly string[]
): Promise<AuditRow[]> {
	const { results } = await db
		.prepare(PAGE)
		.bind(limit, beforeId ?? null, unitIds ? JSON.stringify(unitIds) : null)
		.all<AuditRow>();
	return results;
}

/** Every row, newest first, a page at a time (the CSV export must hold the whole log, not its latest page). */
export async function* allAuditRows(
	db: D1Database,
	pageSize = 1000,
	unitIds?: readonly string[]
): AsyncGenerator<AuditRow> {
	let before: number | undefined;
	for (;;) {
		const page = await listAudit(db, pageSize, before, unitIds);
		yield* page;
		if (page.length < pageSize) return;
		before = page.at(-1)!.id;
	}
}

export type AuditChainReport = ChainReport;

/**
 * Recomputes every hash and link from the first row on, and says where the chain first breaks. The chain runs
 * through every unit's rows, so it is always checked whole; with `unitIds` the report counts that subtree's rows
 * and names the first broken row only when it is one of them.
 */
export async function checkAuditChain(
	store: AuditStore,
	unitIds?: readonly string[]
): Promise<AuditChainReport> {
	const { results } = await store.DB.prepare(ALL).all<AuditRow>();
	const scope = unitIds ? new Set(unitIds) : null;
	const visible = (row: AuditRow) => !scope || scope.has(row.unit_id ?? 'root');
	const rows = results.filter(visible).length;
	let previous: AuditRow | undefined;
	for (const row of results) {
		const linked = previous
			? row.prev_id === previous.id && row.prev_hash === previous.hash
			: row.prev_id === null && row.prev_hash === '';
		if (!linked || (await chainHash(store, row)) !== row.hash)
			return visible(row) ? { ok: false, rows, firstBadId: row.id } : { ok: false, rows };
		previous = row;
	}
	return { ok: true, rows };
}
