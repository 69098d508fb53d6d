import type { Role } from '../../db/users';
import type { CaseRow } from '../../db/cases';
import { listUnits, ROOT_UNIT_ID } from '../../db/units';
import { hasRole, listUsers } from '../../db/users';
import {
	approvingUnit,
	mayActOnCase,
	mayApprove,
	mayDraftAt,
	type Actor,
	type CaseUnits,
	type Decision
} from '../../units/policy';
import {
	isWithin,
	lineage,
	radiusLimit,
	subtreeIds,
	unitTree,
	type UnitNode,
	type UnitTree
} from '../../units/tree';
import { roleError } from '../auth/session';
import type { ActorContext } from '../http/audit-entry';
import { ApiError } from '../http/errors';

// One read of the tree per request, however many decisions the route asks for.
const trees = new WeakMap<object, Promise<UnitTree>>();

/** The unit tree as D1 holds it now. */
export function loadUnitTree(c: ActorContext): Promise<UnitTree> {
	let tree = trees.get(c.req);
	if (!tree) {
		tree = listUnits(c.env.DB).then((units) => unitTree(units));
		trees.set(c.req, tree);
	}
	return tree;
}

export function actorOf(c: ActorContext): Actor {
	const user = c.get('user');
	return { unitId: user.unitId, role: user.role };
}

export function caseUnits(row: CaseRow): CaseUnits {
	return { unitId: row.unit_id ?? ROOT_UNIT_ID, priorUnitId: row.prior_unit_id ?? null };
}

/** A unit named by its GB/T 2260 code or, for a unit without one, its id (the console's `?unit=`). */
export function unitByCodeOrId(tree: UnitTree, key: string): UnitNode | undefined {
	return tree.get(key) ?? [...tree.values()].find((unit) => unit.code === key);
}

type ScopedContext = ActorContext & { req: { query(name: string): string | undefined } };

/**
 * The unit ids a user reads records of: their unit and every unit below it. `?unit=<code>` (the console's unit
 * picker, API.md "Police units") narrows that to one unit's subtree, which must lie inside the user's own.
 */
export async function readableUnitIds(c: ScopedContext): Promise<string[]> {
	const tree = await loadUnitTree(c);
	const own = c.get('user').unitId;
	const wanted = c.req.query('unit');
	if (!wanted) return subtreeIds(tree, own);
	const unit = unitByCodeOrId(tree, wanted);
	if (!unit) throw new ApiError('not_found', 'There is no such unit.', { field: 'unit' });
	// Unit names are public (GET /api/police/units), so a 403 here reveals nothing a 404 would hide.
	if (!isWithin(tree, unit.id, own)) throw new ApiError('forbidden', 'This unit lies outside yours.');
	return subtreeIds(tree, unit.id);
}

/**
 * Turns the policy's refusal into the HTTP error (API.md). `hidden`: a record outside the user's subtree answers
 * 404 as if it did not exist (a Shanghai officer cannot learn that a Wuhan case id is real).
 */
export function enforce(
	decision: Decision,
	assignedRole: Role,
	context: { hidden?: string; radiusKm?: number; ownUnit?: string; caseUnit?: string } = {}
): void {
	if (decision.allowed) return;
	const unit = decision.unit?.name;
	switch (decision.reason) {
		case 'role':
			throw roleError(assignedRole, decision.needed ?? 'officer');
		case 'unit_disabled':
			throw new ApiError('forbidden', 'This unit is disabled.');
		case 'unknown_unit':
			throw new ApiError('validation_failed', 'There is no such unit.', { field: 'unitId' });
		case 'same_unit':
			throw new ApiError('conflict', 'The case already belongs to this unit.');
		case 'outside_subtree':
			if (context.hidden) throw new ApiError('not_found', context.hidden);
			throw new ApiError('forbidden', 'This belongs to a unit outside yours.');
		case 'outside_jurisdiction':
			throw new ApiError(
				'outside_jurisdiction',
				`This place lies outside the area of ${context.ownUnit ?? 'your unit'}${unit ? `; it is ${unit}’s` : ''}. Ask ${unit ?? 'the unit there'} to publish, or publish there after a hand-over.`,
				{ field: 'lat', unit: unitRef(decision.unit) }
			);
		case 'needs_higher_unit':
			throw new ApiError(
				'higher_unit_required',
				`A radius of ${context.radiusKm} km is beyond what ${context.caseUnit ?? 'this unit'} may alert on its own: ${unit ? `an approver of ${unit}` : 'an approver of a unit above'} must approve it.`
			);
	}
}

function unitRef(unit: UnitNode | null | undefined) {
	return unit ? { id: unit.id, code: unit.code, name: unit.name } : undefined;
}

/** The role the account holds (the session's role may be smaller without a passkey). */
type GuardedContext = ActorContext & { get(key: 'assignedRole'): Role };

/** 403 outside_jurisdiction unless the officer's unit's area holds the point (drafting, moving the pin). */
export async function requireJurisdiction(
	c: GuardedContext,
	point: { lat: number; lon: number }
): Promise<void> {
	const tree = await loadUnitTree(c);
	const actor = actorOf(c);
	enforce(mayDraftAt(tree, actor, point), c.get('assignedRole'), { ownUnit: tree.get(actor.unitId)?.name });
}

/** 403 unless this approver may approve the case reaching `radiusKm` (alert, growth steps, raise). */
export async function requireApprover(c: GuardedContext, row: CaseRow, radiusKm: number): Promise<void> {
	const tree = await loadUnitTree(c);
	const owner = caseUnits(row);
	enforce(mayApprove(tree, actorOf(c), owner, radiusKm), c.get('assignedRole'), {
		radiusKm,
		caseUnit: tree.get(owner.unitId)?.name,
		hidden: NO_CASE
	});
}

export const NO_CASE = 'There is no case with this id.';

/** The case if this user may act on it; a case outside their subtree is a 404, as if it did not exist. */
export async function requireCaseAccess(c: ActorContext, row: CaseRow): Promise<CaseRow> {
	const tree = await loadUnitTree(c);
	enforce(mayActOnCase(tree, actorOf(c), caseUnits(row)), c.get('user').role, { hidden: NO_CASE });
	return row;
}

/** The approval screen's "who can give it" (API.md "Police units"): the unit above that must approve, and why. */
export interface ApprovalUnit {
	id: string;
	name: string;
	/** The widest radius asked for, and how far the case's own unit may alert on its own. */
	radiusKm: number;
	limitKm: number;
	/** Enabled approvers and admins of that unit or any above it (display names); one query, a handful of rows. */
	approvers: string[];
}

export async function approvalUnitFor(
	c: ActorContext,
	row: CaseRow,
	radiusKm: number
): Promise<ApprovalUnit | null> {
	const tree = await loadUnitTree(c);
	const caseUnit = tree.get(row.unit_id ?? ROOT_UNIT_ID);
	const above = approvingUnit(tree, row.unit_id ?? ROOT_UNIT_ID, radiusKm);
	if (!above || !caseUnit) return null;
	const chain = lineage(tree, above.id);
	const users = await listUsers(
		c.env.DB,
		chain.map((unit) => unit.id)
	);
	return {
		id: above.id,
		name: above.name,
		radiusKm,
		limitKm: radiusLimit(caseUnit),
		approvers: users
			.filter((user) => !user.disabled && hasRole(user, 'approver'))
			.map((user) => user.displayName)
	};
}
