import { ROLE_RANK, type Role } from '../db/users';
import { areaCovers } from './area';
import { coveringUnit, isWithin, lineage, radiusLimit, type UnitNode, type UnitTree } from './tree';

/**
 * Who may do what, in one place (STYLE.md 12): every police route asks here with plain values and turns a refusal
 * into its HTTP error (functions/api/police/unit-guard.ts). Roles hold within the user's unit and the units below
 * it (API.md "Police units"); tested against a brute-force model in policy.test.ts.
 */
export interface Actor {
	unitId: string;
	/** The role this session may use (an approver without a passkey acts as an officer). */
	role: Role;
}

/** The units a case belongs to: its owner and, after a hand-over, the unit it came from. */
export interface CaseUnits {
	unitId: string;
	priorUnitId: string | null;
}

export type Refusal =
	| 'role'
	| 'unit_disabled'
	| 'outside_subtree'
	| 'outside_jurisdiction'
	| 'needs_higher_unit'
	| 'same_unit'
	| 'unknown_unit';

export type Decision =
	{ allowed: true } | { allowed: false; reason: Refusal; needed?: Role; unit?: UnitNode | null };

const ALLOW: Decision = { allowed: true };

function refuse(reason: Refusal, extra: { needed?: Role; unit?: UnitNode | null } = {}): Decision {
	return { allowed: false, reason, ...extra };
}

/** The first check of every action: the role, and a unit that exists with nothing above it disabled. */
function standing(tree: UnitTree, actor: Actor, needed: Role): Decision | null {
	if (ROLE_RANK[actor.role] < ROLE_RANK[needed]) return refuse('role', { needed });
	const chain = lineage(tree, actor.unitId);
	if (chain.length === 0) return refuse('unknown_unit');
	if (chain.some((unit) => unit.disabled)) return refuse('unit_disabled');
	return null;
}

/** Reading a case, its tips and delivery figures, and the plain officer's actions on it (edit, update, resolve). */
export function mayActOnCase(
	tree: UnitTree,
	actor: Actor,
	owner: CaseUnits,
	needed: Role = 'officer'
): Decision {
	const early = standing(tree, actor, needed);
	if (early) return early;
	const reaches = (unitId: string | null) => unitId !== null && isWithin(tree, unitId, actor.unitId);
	return reaches(owner.unitId) || reaches(owner.priorUnitId) ? ALLOW : refuse('outside_subtree');
}

/** Drafting (or moving the last-seen point of) a case: the point must lie in the officer's own unit's area. */
export function mayDraftAt(tree: UnitTree, actor: Actor, point: { lat: number; lon: number }): Decision {
	const early = standing(tree, actor, 'officer');
	if (early) return early;
	if (areaCovers(tree.get(actor.unitId)!.area, point.lat, point.lon)) return ALLOW;
	return refuse('outside_jurisdiction', { unit: coveringUnit(tree, point.lat, point.lon) });
}

/**
 * Approving an alert, a growth schedule or a raise reaching `radiusKm`: an approver of the owning unit or one above
 * it; beyond the owning unit's maxRadiusKm only a unit above it whose own limit reaches that far.
 */
export function mayApprove(tree: UnitTree, actor: Actor, owner: CaseUnits, radiusKm: number): Decision {
	const early = standing(tree, actor, 'approver');
	if (early) return early;
	if (!isWithin(tree, owner.unitId, actor.unitId)) return refuse('outside_subtree');
	const caseUnit = tree.get(owner.unitId);
	if (!caseUnit || radiusKm <= radiusLimit(caseUnit)) return ALLOW;
	const own = tree.get(actor.unitId)!;
	if (own.id !== caseUnit.id && radiusKm <= radiusLimit(own)) return ALLOW;
	return refuse('needs_higher_unit', { unit: approvingUnit(tree, owner.unitId, radiusKm) });
}

/** The nearest unit above the case's own whose limit reaches `radiusKm` (null: none, or the case's own suffices). */
export function approvingUnit(tree: UnitTree, caseUnitId: string, radiusKm: number): UnitNode | null {
	const [own, ...above] = lineage(tree, caseUnitId);
	if (!own || radiusKm <= radiusLimit(own)) return null;
	return above.find((unit) => radiusKm <= radiusLimit(unit)) ?? null;
}

/** Handing a case to another unit (a child seen in another province): an officer who may act on it. */
export function mayHandOver(tree: UnitTree, actor: Actor, owner: CaseUnits, toUnitId: string): Decision {
	const acting = mayActOnCase(tree, actor, owner);
	if (!acting.allowed) return acting;
	const target = tree.get(toUnitId);
	if (!target) return refuse('unknown_unit');
	if (lineage(tree, toUnitId).some((unit) => unit.disabled)) return refuse('unit_disabled', { unit: target });
	return toUnitId === owner.unitId ? refuse('same_unit', { unit: target }) : ALLOW;
}

/**
 * Records that belong to one unit (audit rows, partners, users, statistics): the actor's unit or one below it.
 * `unitId` null is a row from before units, which belongs to the root.
 */
export function mayReadUnitRecords(
	tree: UnitTree,
	actor: Actor,
	unitId: string | null,
	needed: Role
): Decision {
	const early = standing(tree, actor, needed);
	if (early) return early;
	const owner = unitId ?? lineage(tree, actor.unitId).at(-1)!.id;
	return isWithin(tree, owner, actor.unitId) ? ALLOW : refuse('outside_subtree');
}

/** What holds the whole platform (the sending pause): an admin of the root unit only. */
export function mayGovernPlatform(tree: UnitTree, actor: Actor): Decision {
	const early = standing(tree, actor, 'admin');
	if (early) return early;
	return tree.get(actor.unitId)!.parentId === null ? ALLOW : refuse('outside_subtree');
}

/** Changing a unit (edit, disable): an admin of a unit strictly above it, never their own or one beside. */
export function mayManageUnit(tree: UnitTree, actor: Actor, unitId: string): Decision {
	const early = standing(tree, actor, 'admin');
	if (early) return early;
	if (!tree.has(unitId)) return refuse('unknown_unit');
	return unitId !== actor.unitId && isWithin(tree, unitId, actor.unitId) ? ALLOW : refuse('outside_subtree');
}

/** Creating a unit under `parentId`: the parent is the admin's own unit or one below it, and enabled. */
export function mayCreateUnitUnder(tree: UnitTree, actor: Actor, parentId: string): Decision {
	const early = standing(tree, actor, 'admin');
	if (early) return early;
	if (!tree.has(parentId)) return refuse('unknown_unit');
	if (lineage(tree, parentId).some((unit) => unit.disabled)) return refuse('unit_disabled');
	return isWithin(tree, parentId, actor.unitId) ? ALLOW : refuse('outside_subtree');
}

/** Creating, changing or moving a user: both the user's unit and (for a move) the new one within the admin's reach. */
export function mayManageUser(
	tree: UnitTree,
	actor: Actor,
	userUnitId: string,
	toUnitId = userUnitId
): Decision {
	const early = standing(tree, actor, 'admin');
	if (early) return early;
	if (!tree.has(toUnitId)) return refuse('unknown_unit');
	const reaches = isWithin(tree, userUnitId, actor.unitId) && isWithin(tree, toUnitId, actor.unitId);
	return reaches ? ALLOW : refuse('outside_subtree');
}
