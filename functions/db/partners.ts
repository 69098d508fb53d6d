import type { Partner, PartnerArea, WebhookEventType } from '../../src/lib/schemas';

/** A `partners` row as D1 returns it. */
interface PartnerRow {
	id: string;
	name: string;
	url: string;
	area: string;
	events: string;
	test: number;
	disabled: number;
	secret: string;
	previous_secret: string | null;
	previous_secret_until: string | null;
	created_at: string;
	updated_at: string;
}

/** A partner with what signing needs; only the webhooks room reads this, the API answers `Partner`. */
export interface PartnerWithSecrets extends Partner {
	/** The secrets that sign now: the current one first, the previous one while its overlap lasts. */
	secrets: string[];
}

const COLUMNS = `id, name, url, area, events, test, disabled, secret, previous_secret, previous_secret_until,
	created_at, updated_at`;
// ?1 = a JSON list of unit ids (an admin's subtree; migration 0090) or NULL for every partner.
const LIST = `SELECT ${COLUMNS} FROM partners WHERE ?1 IS NULL OR unit_id IN (SELECT value FROM json_each(?1))
	ORDER BY name, id`;
const ACTIVE = `SELECT ${COLUMNS} FROM partners WHERE disabled = 0`;
const BY_ID = `SELECT ${COLUMNS} FROM partners WHERE id = ?`;
const INSERT = `INSERT INTO partners (id, name, url, area, events, test, disabled, secret, created_at, updated_at,
	unit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// Column names are fixed here; only values come from the request. coalesce keeps what the patch leaves out.
const UPDATE = `UPDATE partners SET name = coalesce(?2, name), url = coalesce(?3, url), area = coalesce(?4, area),
	events = coalesce(?5, events), test = coalesce(?6, test), disabled = coalesce(?7, disabled), updated_at = ?8
	WHERE id = ?1`;
const ROTATE = `UPDATE partners SET previous_secret = CASE WHEN ?3 IS NULL THEN NULL ELSE secret END,
	previous_secret_until = ?3, secret = ?2, updated_at = ?4 WHERE id = ?1`;
const DELETE = `DELETE FROM partners WHERE id = ?`;
const DELETE_LOG = `DELETE FROM webhook_deliveries WHERE partner_id = ?`;

function toPartner(row: PartnerRow): Partner {
	const area = JSON.parse(row.area) as PartnerArea;
	return {
		id: row.id,
		name: row.name,
		url: row.url,
		area: { circles: area.circles ?? [], geohashes: area.geohashes ?? [] },
		events: JSON.parse(row.events) as WebhookEventType[],
		test: row.test === 1,
		disabled: row.disabled === 1,
		previousSecretUntil: row.previous_secret_until,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

function withSecrets(row: PartnerRow, now: Date): PartnerWithSecrets {
	const overlap =
		row.previous_secret && row.previous_secret_until && row.previous_secret_until > now.toISOString();
	return { ...toPartner(row), secrets: overlap ? [row.secret, row.previous_secret!] : [row.secret] };
}

export async function listPartners(db: D1Database, unitIds?: readonly string[]): Promise<Partner[]> {
	const { results } = await db
		.prepare(LIST)
		.bind(unitIds ? JSON.stringify(unitIds) : null)
		.all<PartnerRow>();
	return results.map(toPartner);
}

export async function getPartner(db: D1Database, id: string): Promise<Partner | null> {
	const row = await db.prepare(BY_ID).bind(id).first<PartnerRow>();
	return row ? toPartner(row) : null;
}

/**
 * Every partner that may receive deliveries. Partners are few (dozens: the apps and sites that show alerts),
 * so the area match runs in the Worker over all of them rather than in SQL.
 */
export async function listActivePartners(db: D1Database, now: Date): Promise<PartnerWithSecrets[]> {
	const { results } = await db.prepare(ACTIVE).all<PartnerRow>();
	return results.map((row) => withSecrets(row, now));
}

export async function getPartnerWithSecrets(
	db: D1Database,
	id: string,
	now: Date
): Promise<PartnerWithSecrets | null> {
	const row = await db.prepare(BY_ID).bind(id).first<PartnerRow>();
	return row ? withSecrets(row, now) : null;
}

export interface NewPartner {
	id: string;
	name: string;
	url: string;
	area: PartnerArea;
	events: WebhookEventType[];
	test: boolean;
	disabled: boolean;
	secret: string;
	/** The unit that registered the partner: its admins (and those above) manage it. */
	unitId: string;
}

/** The unit a partner belongs to, or null when there is no such partner. */
export async function partnerUnitId(db: D1Database, id: string): Promise<string | null> {
	const row = await db
		.prepare(`SELECT unit_id FROM partners WHERE id = ?`)
		.bind(id)
		.first<{ unit_id: string }>();
	return row?.unit_id ?? null;
}

export function insertPartnerStatement(db: D1Database, p: NewPartner, now: Date): D1PreparedStatement {
	const at = now.toISOString();
	return db
		.prepare(INSERT)
		.bind(
			p.id,
			p.name,
			p.url,
			JSON.stringify(p.area),
			JSON.stringify(p.events),
			p.test ? 1 : 0,
			p.disabled ? 1 : 0,
			p.secret,
			at,
			at,
			p.unitId
		);
}

export function updatePartnerStatement(
	db: D1Database,
	id: string,
	patch: Partial<Omit<NewPartner, 'id' | 'secret'>>,
	now: Date
): D1PreparedStatement {
	const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
	return db
		.prepare(UPDATE)
		.bind(
			id,
			patch.name ?? null,
			patch.url ?? null,
			patch.area ? JSON.stringify(patch.area) : null,
			patch.events ? JSON.stringify(patch.events) : null,
			flag(patch.test),
			flag(patch.disabled),
			now.toISOString()
		);
}

/** A new current secret; the old one keeps signing until `keepOldUntil` (null: it stops at once). */
export function rotateSecretStatement(
	db: D1Database,
	id: string,
	secret: string,
	keepOldUntil: Date | null,
	now: Date
): D1PreparedStatement {
	return db.prepare(ROTATE).bind(id, secret, keepOldUntil?.toISOString() ?? null, now.toISOString());
}

/** The partner and its delivery log go together; queued attempts for it find no partner and are dropped. */
export function deletePartnerStatements(db: D1Database, id: string): D1PreparedStatement[] {
	return [db.prepare(DELETE).bind(id), db.prepare(DELETE_LOG).bind(id)];
}
