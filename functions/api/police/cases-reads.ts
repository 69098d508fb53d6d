import { Hono } from 'hono';
import { deliveryCounts } from '../../db/send-batches';
import { listCapMessages } from '../../db/cap-messages';
import { listSentMessages } from '../../db/feed-messages';
import { ROOT_UNIT_ID } from '../../db/units';
import { countAudience } from '../../fanout/audience';
import { batchDatabases } from '../../fanout/batch-dbs';
import { capAlert } from '../../feeds/cap';
import { messagesOf } from '../../feeds/cap-history';
import type { PoliceEnv } from '../auth/session';
import { loadCase } from './case-actions';
import { exerciseOfficers } from '../../units/exercise-reach';

/** What officers read about one case besides the case itself. Mounted at /api/police/cases. */
export const policeCaseReads = new Hono<PoliceEnv>()
	.get('/:id/audience', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		// An exercise would reach only the officers of the case's unit subtree (issue 21); count those alone.
		const exercise = row.exercise === 1;
		const officers = exercise ? await exerciseOfficers(c.env.DB, row.unit_id ?? ROOT_UNIT_ID) : undefined;
		return c.json({ subscribers: await countAudience(c.env, row, row.radius_km, exercise, officers) });
	})
	// Officers see any case, exercises included, as CAP 1.2 (status Exercise); the public feeds never list those.
	// A published case's latest message is the very document /feeds/cap/:id.xml serves (API.md "Interop rules").
	.get('/:id/cap', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		const [recorded, jobs] = await Promise.all([
			listCapMessages(c.env.DB, [row.id]),
			listSentMessages(c.env.DB, [row.id])
		]);
		return c.body(capAlert(row, new URL(c.req.url).origin, messagesOf(row, recorded, jobs)), 200, {
			'Content-Type': 'application/cap+xml; charset=utf-8'
		});
	})
	.get('/:id/deliveries', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		// Live from every database holding the case's send batches (each shard records its own, issue 23).
		return c.json(
			await deliveryCounts(
				batchDatabases(c.env).map((d) => d.db),
				row.id
			)
		);
	});
