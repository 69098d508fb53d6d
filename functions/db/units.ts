import type { Unit, UnitArea, UnitLevel } from '../../src/lib/schemas/units';

/** A `units` row as D1 returns it (migration 0090). */
interface UnitRow {
	id: string;
	code: string | null;
	name: string;
	parent_id: string | null;
	level: UnitLevel;
	area: string;
	max_radius_km: number | null;
	disabled: number;
}

/** The root unit every older database's force became (migration 0090). */
export const ROOT_UNIT_ID = 'root';
/** Its name as migration 0090 writes it. */
export const ROOT_UNIT_NAME = '公安部';

const COLUMNS = `id, code, name, parent_id, level, area, max_radius_km, disabled`;
// The whole tree is read per request: units number in the thousands at most, and the policy needs the lineage.
const ALL = `SELECT ${COLUMNS} FROM units ORDER BY level, name`;
const INSERT = `INSERT INTO units (id, code, name, parent_id, level, area, max_radius_km, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_IF_ABSENT = `${INSERT} ON CONFLICT DO NOTHING`;
// Column names are fixed here; only values come from the request. ?5 = 1 sets max_radius_km to ?4 (even NULL),
// ?9 = 1 sets code to ?8 (even NULL: a unit without a division of its own).
const UPDATE = `UPDATE units SET name = coalesce(?2, name), area = coalesce(?3, area),
	max_radius_km = CASE WHEN ?5 = 1 THEN ?4 ELSE max_radius_km END, disabled = coalesce(?6, disabled), updated_at = ?7,
	code = CASE WHEN ?9 = 1 THEN ?8 ELSE code END
	WHERE id = ?1`;

function toUnit(row: UnitRow): Unit {
	return {
		id: row.id,
		code: row.code,
		name: row.name,
		parentId: row.parent_id,
		level: row.level,
		area: JSON.parse(row.area) as UnitArea,
		maxRadiusKm: row.max_radius_km,
		disabled: row.disabled === 1
	};
}

/** One unit's id, code and name (the console's header). */
export async function getUnitName(
	db: D1Database,
	id: string
): Promise<{ id: string; code: string | null; name: string } | null> {
	return db.prepare(`SELECT id, code, name FROM units WHERE id = ?`).bind(id).first();
}

export async function listUnits(db: D1Database): Promise<Unit[]> {
	const { results } = await db.prepare(ALL).all<UnitRow>();
	return results.map(toUnit);
}

export type NewUnit = Omit<Unit, 'disabled'>;

export function insertUnitStatement(
	db: D1Database,
	unit: NewUnit,
	now: Date,
	ifAbsent = false
): D1PreparedStatement {
	const at = now.toISOString();
	return db
		.prepare(ifAbsent ? INSERT_IF_ABSENT : INSERT)
		.bind(
			unit.id,
			unit.code,
			unit.name,
			unit.parentId,
			unit.level,
			JSON.stringify(unit.area),
			unit.maxRadiusKm,
			at,
			at
		);
}

export function updateUnitStatement(
	db: D1Database,
	id: string,
	patch: {
		name?: string;
		code?: string | null;
		area?: UnitArea;
		maxRadiusKm?: number | null;
		disabled?: boolean;
	},
	now: Date
): D1PreparedStatement {
	return db
		.prepare(UPDATE)
		.bind(
			id,
			patch.name ?? null,
			patch.area ? JSON.stringify(patch.area) : null,
			patch.maxRadiusKm ?? null,
			'maxRadiusKm' in patch ? 1 : 0,
			patch.disabled === undefined ? null : patch.disabled ? 1 : 0,
			now.toISOString(),
			patch.code ?? null,
			'code' in patch ? 1 : 0
		);
}
