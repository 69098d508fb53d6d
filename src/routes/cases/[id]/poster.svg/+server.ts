import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';
import { setDisplayTimeZone } from '$lib/i18n';
import { posterContent } from '$lib/poster/content';
import { posterSvg } from '$lib/poster/poster-svg';
import type { Case } from '$lib/schemas';
import type { RequestHandler } from './$types';

/** The phone-sized poster as one standalone SVG (photo embedded), for saving and sharing in chat apps. */
export const GET: RequestHandler = async ({ fetch, params, url, locals }) => {
	const response = await fetch(`/api/cases/${encodeURIComponent(params.id)}`);
	if (!response.ok) error(response.status === 404 ? 404 : 502, 'case.notFound');
	const c = (await response.json()) as Case;
	// No layout runs for an endpoint: name the force's zone here, or the poster's times come out in UTC.
	setDisplayTimeZone(env.PUBLIC_TIME_ZONE);
	if (c.status === 'cancelled') error(404, 'case.notFound');
	const photo = c.status === 'resolved' || !c.photoUrl ? null : await dataUri(fetch, c.photoUrl);
	const svg = posterSvg(posterContent(c, locals.lang, `${url.origin}/cases/${c.id}`, photo));
	return new Response(svg, {
		headers: {
			'Content-Type': 'image/svg+xml; charset=utf-8',
			// Revalidated every time: once the child is found, no cache may hand out the photo again.
			'Cache-Control': 'no-cache',
			'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
			Vary: 'Cookie'
		}
	});
};

async function dataUri(fetchFn: typeof fetch, path: string): Promise<string | null> {
	const photo = await fetchFn(path);
	if (!photo.ok) return null;
	const type = photo.headers.get('Content-Type') ?? 'image/jpeg';
	const bytes = new Uint8Array(await photo.arrayBuffer());
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return `data:${type};base64,${btoa(binary)}`;
}
