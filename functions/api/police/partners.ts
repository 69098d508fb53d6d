import { Hono } from 'hono';
import {
	deliveriesQuerySchema,
	partnerCreateSchema,
	partnerPatchSchema,
	rotateSecretSchema
} from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import {
	deletePartnerStatements,
	getPartner,
	insertPartnerStatement,
	listPartners,
	partnerUnitId,
	rotateSecretStatement,
	updatePartnerStatement
} from '../../db/partners';
import { listDeliveries } from '../../db/webhook-deliveries';
import { isLocalMode, type Env } from '../../env';
import { randomId } from '../../lib/hash';
import { newWebhookSecret } from '../../webhooks/sign';
import { webhookUrlProblem, type UrlProblem } from '../../webhooks/url-policy';
import { requireRole, type PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { jsonBody, queryParams } from '../http/validate';
import type { ActorContext } from '../http/audit-entry';
import type { Role } from '../../db/users';
import { mayReadUnitRecords } from '../../units/policy';
import { actorOf, enforce, loadUnitTree, readableUnitIds } from './unit-guard';

const URL_MESSAGES: Record<UrlProblem, string> = {
	not_url: 'url: give the full address the partner receives webhooks at.',
	scheme: 'url: webhooks go to https:// addresses only.',
	credentials: 'url: put no user name or password in the address; webhooks are signed instead.',
	address:
		'url: this address is private, local or reserved; webhooks go only to addresses on the public internet.'
};

/** SSRF: refused before anything is stored (functions/webhooks/url-policy.ts checks again at delivery). */
function requireAllowedWebhookUrl(env: Pick<Env, 'REUNION_LOCAL'>, url: string): void {
	const problem = webhookUrlProblem(url, isLocalMode(env));
	if (problem) throw new ApiError('validation_failed', URL_MESSAGES[problem], { field: 'url' });
}

const NO_PARTNER = 'There is no partner with this id.';
const notFound = () => new ApiError('not_found', NO_PARTNER);

/** A partner of another subtree answers as if it did not exist (functions/units/policy.ts). */
async function requirePartnerAccess(c: ActorContext & { get(key: 'assignedRole'): Role }, id: string) {
	const unitId = await partnerUnitId(c.env.DB, id);
	if (!unitId) throw notFound();
	const decision = mayReadUnitRecords(await loadUnitTree(c), actorOf(c), unitId, 'admin');
	enforce(decision, c.get('assignedRole'), { hidden: NO_PARTNER });
}
const HOUR_MS = 3_600_000;

/** Admin-only: partners that receive webhooks (API.md "Partners (admin)"). Every change writes an audit row. */
export const policePartners = new Hono<PoliceEnv>()
	.use(requireRole('admin'))
	.get('/', async (c) => c.json({ partners: await listPartners(c.env.DB, await readableUnitIds(c)) }))
	.post('/', jsonBody(partnerCreateSchema), async (c) => {
		const body = c.get('body');
		requireAllowedWebhookUrl(c.env, body.url);
		const id = `p-${randomId(9)}`;
		// Shown in this answer only: the API never returns it again (rotate to get a new one).
		const secret = newWebhookSecret();
		const detail = { id, name: body.name, url: body.url, events: body.events, test: body.test };
		await withAudit(c.env, await actorEntry(c, 'partner_create', null, detail), [
			insertPartnerStatement(c.env.DB, { id, ...body, secret, unitId: c.get('user').unitId }, new Date())
		]);
		return c.json({ partner: await getPartner(c.env.DB, id), secret }, 201);
	})
	.patch('/:id', jsonBody(partnerPatchSchema), async (c) => {
		const id = c.req.param('id');
		await requirePartnerAccess(c, id);
		const patch = c.get('body');
		if (patch.url !== undefined) requireAllowedWebhookUrl(c.env, patch.url);
		const detail = { id, fields: Object.keys(patch), ...(patch.url ? { url: patch.url } : {}) };
		const [updated] = await withAudit(c.env, await actorEntry(c, 'partner_change', null, detail), [
			updatePartnerStatement(c.env.DB, id, patch, new Date())
		]);
		if (!updated || updated.meta.changes === 0) throw notFound();
		return c.json({ partner: await getPartner(c.env.DB, id) });
	})
	.delete('/:id', async (c) => {
		const id = c.req.param('id');
		await requirePartnerAccess(c, id);
		const [deleted] = await withAudit(
			c.env,
			await actorEntry(c, 'partner_delete', null, { id }),
			deletePartnerStatements(c.env.DB, id)
		);
		if (!deleted || deleted.meta.changes === 0) throw notFound();
		return c.body(null, 204);
	})
	.post('/:id/rotate-secret', jsonBody(rotateSecretSchema), async (c) => {
		const id = c.req.param('id');
		await requirePartnerAccess(c, id);
		const { keepOldHours } = c.get('body');
		const now = new Date();
		const secret = newWebhookSecret();
		const keepOldUntil = keepOldHours > 0 ? new Date(now.getTime() + keepOldHours * HOUR_MS) : null;
		const [rotated] = await withAudit(
			c.env,
			await actorEntry(c, 'partner_rotate_secret', null, { id, keepOldHours }),
			[rotateSecretStatement(c.env.DB, id, secret, keepOldUntil, now)]
		);
		if (!rotated || rotated.meta.changes === 0) throw notFound();
		return c.json({ secret, previousSecretUntil: keepOldUntil?.toISOString() ?? null });
	})
	.get('/:id/deliveries', queryParams(deliveriesQuerySchema), async (c) => {
		const id = c.req.param('id');
		await requirePartnerAccess(c, id);
		if (!(await getPartner(c.env.DB, id))) throw notFound();
		const { before, limit } = c.get('query');
		return c.json(await listDeliveries(c.env.DB, id, limit ?? 50, before ?? null));
	});
