import { Hono } from 'hono';
import { z } from 'zod';
import { latitudeSchema, longitudeSchema, numericQuery } from '../../src/lib/schemas';
import { deliveryCounts } from '../db/send-batches';
import { countAudience } from '../fanout/audience';
import { capAlert } from '../feeds/cap';
import { loadCase } from './case-actions';
import { policeAdmin } from './police-admin';
import { policeCases } from './police-cases';
import { policePhoto } from './police-photo';
import { policeRadius } from './police-radius';
import { policeTips } from './police-tips';
import { policeUsers } from './police-users';
import { requireRole, sameOrigin, type PoliceEnv } from './session';
import { queryParams } from './validate';

const audienceQuery = z.object({
	lat: numericQuery(latitudeSchema),
	lon: numericQuery(longitudeSchema),
	radiusKm: numericQuery(z.number().min(1).max(500)),
	exercise: z.enum(['0', '1']).default('0')
});

export const police = new Hono<PoliceEnv>()
	.use(sameOrigin)
	.use(requireRole('officer'))
	.route('/cases', policeCases)
	.route('/cases', policePhoto)
	.route('/cases', policeRadius)
	.route('/', policeAdmin)
	.route('/', policeTips)
	.route('/users', policeUsers)
	.get('/audience', queryParams(audienceQuery), async (c) => {
		const { lat, lon, radiusKm, exercise } = c.get('query');
		return c.json({ subscribers: await countAudience(c.env, { lat, lon }, radiusKm, exercise === '1') });
	})
	.get('/cases/:id/audience', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		return c.json({ subscribers: await countAudience(c.env, row, row.radius_km, row.exercise === 1) });
	})
	// Officers see any case, exercises included, as CAP 1.2 (status Exercise); the public feeds never list those.
	.get('/cases/:id/cap', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		return c.body(capAlert(row, new URL(c.req.url).origin), 200, {
			'Content-Type': 'application/cap+xml; charset=utf-8'
		});
	})
	.get('/cases/:id/deliveries', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		return c.json(await deliveryCounts(c.env.DB, row.id));
	});
