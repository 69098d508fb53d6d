import { error } from '@sveltejs/kit';
import { consoleGet } from '$lib/police/load';
import type { Partner, WebhookDelivery } from '$lib/schemas';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent, params, url }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { partner: null, deliveries: [], next: null };
	const id = encodeURIComponent(params.id);
	const before = url.searchParams.get('before');
	const [{ partners }, log] = await Promise.all([
		consoleGet<{ partners: Partner[] }>(fetch, '/api/police/partners'),
		consoleGet<{ deliveries: WebhookDelivery[]; next: number | null }>(
			fetch,
			`/api/police/partners/${id}/deliveries${before ? `?before=${encodeURIComponent(before)}` : ''}`
		)
	]);
	const partner = partners.find((p) => p.id === params.id);
	if (!partner) error(404, { message: 'partner not found' });
	return { partner, deliveries: log.deliveries, next: log.next };
}) satisfies PageLoad;
