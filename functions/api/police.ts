import { Hono } from 'hono';
import { getCaseRow } from '../db/cases';
import { deliveryCounts } from '../db/send-batches';
import { ApiError } from './errors';
import { requireRole, sameOrigin, type PoliceEnv } from './session';

export const police = new Hono<PoliceEnv>()
	.use(sameOrigin)
	.use(requireRole('officer'))
	.get('/cases/:id/deliveries', async (c) => {
		const id = c.req.param('id');
		if (!(await getCaseRow(c.env.DB, id))) throw new ApiError('not_found', 'There is no case with this id.');
		return c.json(await deliveryCounts(c.env.DB, id));
	});
