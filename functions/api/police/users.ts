import { Hono } from 'hono';
import { userCreateSchema, userPatchSchema } from '../../../src/lib/schemas';
import { hashPassword } from '../../auth/password';
import { withAudit } from '../../db/audit';
import { endSessionsStatement, insertUserStatement, listUsers, updateUserStatement } from '../../db/users';
import { randomId } from '../../lib/hash';
import { ApiError } from '../http/errors';
import { requireRole, type PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { jsonBody } from '../http/validate';

export const policeUsers = new Hono<PoliceEnv>()
	.use(requireRole('admin'))
	.get('/', async (c) => c.json({ users: await listUsers(c.env.DB) }))
	.post('/', jsonBody(userCreateSchema), async (c) => {
		const body = c.get('body');
		const id = `u-${randomId(9)}`;
		const statement = insertUserStatement(
			c.env.DB,
			{
				id,
				username: body.username,
				displayName: body.displayName,
				role: body.role,
				passwordHash: await hashPassword(body.password)
			},
			new Date()
		);
		try {
			await withAudit(
				c.env,
				await actorEntry(c, 'user_create', null, { id, username: body.username, role: body.role }),
				[statement]
			);
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
		if (id === admin.id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
			throw new ApiError('conflict', 'You cannot disable or demote yourself; ask another admin.');
		}
		const statements = [
			updateUserStatement(
				c.env.DB,
				id,
				{ ...patch, passwordHash: patch.password ? await hashPassword(patch.password) : undefined },
				new Date()
			)
		];
		if (patch.disabled || patch.password) statements.push(endSessionsStatement(c.env.DB, id));
		const detail = {
			id,
			fields: Object.keys(patch).filter((k) => k !== 'password'),
			passwordReset: Boolean(patch.password)
		};
		const [update] = await withAudit(c.env, await actorEntry(c, 'user_change', null, detail), statements);
		if (!update || update.meta.changes === 0)
			throw new ApiError('not_found', 'There is no user with this id.');
		return c.json({ users: await listUsers(c.env.DB) });
	});
