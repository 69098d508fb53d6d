import { Hono } from 'hono';
import { z } from 'zod';
import { latitudeSchema, longitudeSchema, numericQuery, radiusKmSchema } from '../../../src/lib/schemas';
import { countAudience } from '../../fanout/audience';
import { exerciseOfficers } from '../../units/exercise-reach';
import type { PoliceEnv } from '../auth/session';
import { queryParams } from '../http/validate';

const audienceQuery = z.object({
	lat: numericQuery(latitudeSchema),
	lon: numericQuery(longitudeSchema),
	radiusKm: numericQuery(radiusKmSchema),
	exercise: z.enum(['0', '1']).default('0')
});

/** The editor's live count for a circle not saved yet. Mounted at /api/police/audience. */
export const policeAudience = new Hono<PoliceEnv>().get('/', queryParams(audienceQuery), async (c) => {
	const { lat, lon, radiusKm, exercise } = c.get('query');
	// The officer's exercise would be their unit's (issue 21): it reaches the officers of their subtree only.
	const officers = exercise === '1' ? await exerciseOfficers(c.env.DB, c.get('user').unitId) : undefined;
	return c.json({
		subscribers: await countAudience(c.env, { lat, lon }, radiusKm, exercise === '1', officers)
	});
});
