import { getCaseRow } from '../db/cases';
import { listUnits, ROOT_UNIT_ID } from '../db/units';
import { listUsers } from '../db/users';
import { subtreeIds, unitTree } from './tree';

/**
 * The officers an exercise reaches (issue 21: exercises are scoped like everything else): the enabled users of
 * one unit and the units below it, whose registered devices alone get it. undefined: no narrowing, for the
 * national (root) unit, whose exercise reaches every officer's device as before units.
 */
export async function exerciseOfficers(
	db: D1Database,
	unitId: string
): Promise<ReadonlySet<string> | undefined> {
	const tree = unitTree(await listUnits(db));
	if (tree.get(unitId)?.parentId === null) return undefined;
	const users = await listUsers(db, subtreeIds(tree, unitId));
	return new Set(users.filter((user) => !user.disabled).map((user) => user.id));
}

/** The officers an exercise case reaches: its own unit's subtree (after a hand-over, the new unit's). */
export async function exerciseOfficersOfCase(
	db: D1Database,
	caseId: string
): Promise<ReadonlySet<string> | undefined> {
	const row = await getCaseRow(db, caseId);
	return exerciseOfficers(db, row?.unit_id ?? ROOT_UNIT_ID);
}
