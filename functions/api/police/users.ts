import { Hono } from 'hono';
import { userCreateSchema, userPatchSchema } from '../../../src/lib/schemas';
import { hashPassword } from '../../auth/password';
import { withAudit } from '../../db/audit';
import {
	endSessionsStatement,
	findUserById,
	insertUserStatement,
	listUsers,
	updateUserStatement
} from '../../db/users';
import { randomId } from '../../lib/hash';
import { mayManageUser } from '../../units/policy';
import { ApiError } from '../http/errors';
import { requireRole, type PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { jsonBody } from '../http/validate';
import { actorOf, enforce, loadUnitTree, readableUnitIds } from './unit-guard';

const NO_USER = 'There is no user with this id.';

/** Users of the admin's unit and the units below it (API.md "Police units"); never above or beside. */
export const policeUsers = new Hono<PoliceEnv>()
	.use(requireRole('admin'))
	.get('/', async (c) => c.json({ users: await listUsers(c.env.DB, await readableUnitIds(c)) }))
	.post('/', jsonBody(userCreateSchema), async (c) => {
		const body = c.get('body');
		const unitId = body.unitId ?? c.get('user').unitId;
		enforce(mayManageUser(await loadUnitTree(c), actorOf(c), unitId), c.get('assignedRole'));
		const id = `u-${randomId(9)}`;
		const statement = insertUserStatement(
			c.env.DB,
			{
				id,
				username: body.username,
				displayName: body.displayName,
				role: body.role,
				passwordHash: await hashPassword(body.password),
				unitId
			},
			new Date()
		);
		try {
			const detail = { id, username: body.username, role: body.role, unitId };
			await withAudit(c.env, { ...(await actorEntry(c, 'user_create', null, detail)), unitId }, [statement]);
		} catch (error) {
			if (/UNIQUE/i.test(String(error)) && /username/i.test(String(error)))
				throw new ApiError('conflict', 'That username is taken.', { field: 'username' });
			throw error;
		}
		return c.json({ id }, 201);
	})
	.patch('/:id', jsonBody(userPatchSchema), async (c) => {
		const id = c.req.param('id');
		const patch = c.get('body');
		const admin = c.get('user');
		if (id === admin.id && (patch.disabled || (patch.role && patch.role !== 'admin') || patch.unitId)) {
			throw new ApiError('conflict', 'You cannot disable, demote or move yourself; ask another admin.');
		}
		const target = await findUserById(c.env.DB, id);
		if (!target) throw new ApiError('not_found', NO_USER);
		const tree = await loadUnitTree(c);
		// A user outside the admin's subtree does not exist for them (404); a move to a unit outside it is a 403.
		enforce(mayManageUser(tree, actorOf(c), target.unitId), c.get('assignedRole'), { hidden: NO_USER });
		enforce(mayManageUser(tree, actorOf(c), target.unitId, patch.unitId), c.get('assignedRole'));
		const statements = [
			updateUserStatement(
				c.env.DB,
				id,
				{ ...patch, passwordHash: patch.password ? await hashPassword(patch.password) : undefined },
				new Date()
			)
		];
		// A move ends the sessions too: what the user may see changes with the unit.
		if (patch.disabled || patch.password || patch.unitId) statements.push(endSessionsStatement(c.env.DB, id));
		const detail = {
			id,
			fields: Object.keys(patch).filter((k) => k !== 'password'),
			passwordReset: Boolean(patch.password),
			...(patch.unitId ? { fromUnit: target.unitId, toUnit: patch.unitId } : {})
		};
		const entry = { ...(await actorEntry(c, 'user_change', null, detail)), unitId: target.unitId };
		const [update] = await withAudit(c.env, entry, statements);
		if (!update || update.meta.changes === 0) throw new ApiError('not_found', NO_USER);
		return c.json({ users: await listUsers(c.env.DB, await readableUnitIds(c)) });
	});
