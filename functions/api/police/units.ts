import { Hono } from 'hono';
import { unitCreateSchema, unitPatchSchema } from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { insertUnitStatement, listUnits, updateUnitStatement } from '../../db/units';
import { endUnitSessionsStatement } from '../../db/users';
import { randomId } from '../../lib/hash';
import { mayCreateUnitUnder, mayManageUnit } from '../../units/policy';
import { subtreeIds } from '../../units/tree';
import { requireRole, type PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { jsonBody } from '../http/validate';
import { actorOf, enforce, loadUnitTree } from './unit-guard';

/** A second unit with one division code is a 409 on `code`; anything else is passed on. */
function uniqueCode(error: unknown): unknown {
	if (/UNIQUE/i.test(String(error)) && /code/i.test(String(error)))
		return new ApiError('conflict', 'Another unit has this division code.', { field: 'code' });
	return error;
}

/**
 * The unit tree (API.md "Police units"). Every officer reads the whole tree: unit names and areas are public (the
 * issuer of every alert), a refusal names the unit that covers a point, and a case may be handed to any unit.
 * What is scoped is each unit's records. Admins create and change units below their own. Mounted at
 * /api/police/units.
 */
export const policeUnits = new Hono<PoliceEnv>()
	.get('/', async (c) => c.json({ units: await listUnits(c.env.DB) }))
	.post('/', requireRole('admin'), jsonBody(unitCreateSchema), async (c) => {
		const body = c.get('body');
		enforce(mayCreateUnitUnder(await loadUnitTree(c), actorOf(c), body.parentId), c.get('assignedRole'));
		const id = `unit-${randomId(9)}`;
		const statement = insertUnitStatement(c.env.DB, { id, ...body }, new Date());
		try {
			const entry = await actorEntry(c, 'unit_create', null, {
				id,
				name: body.name,
				parentId: body.parentId
			});
			await withAudit(c.env, { ...entry, unitId: id }, [statement]);
		} catch (error) {
			throw uniqueCode(error);
		}
		return c.json({ id }, 201);
	})
	.patch('/:id', requireRole('admin'), jsonBody(unitPatchSchema), async (c) => {
		const id = c.req.param('id');
		const patch = c.get('body');
		const tree = await loadUnitTree(c);
		enforce(mayManageUnit(tree, actorOf(c), id), c.get('assignedRole'));
		const entry = await actorEntry(c, 'unit_change', null, { id, fields: Object.keys(patch), ...patch });
		const statements = [updateUnitStatement(c.env.DB, id, patch, new Date())];
		// Sign-in refuses a disabled unit's users (functions/db/users.ts); sessions already open end here.
		if (patch.disabled) statements.push(endUnitSessionsStatement(c.env.DB, subtreeIds(tree, id)));
		try {
			await withAudit(c.env, { ...entry, unitId: id }, statements);
		} catch (error) {
			throw uniqueCode(error);
		}
		return c.json({ units: await listUnits(c.env.DB) });
	});
