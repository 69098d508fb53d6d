/**
 * Headers every answer of the Worker carries, whichever part answered it (the API, feeds, /embed, the live
 * socket's refusals, SvelteKit's pages, errors): set once at the entry, so an error path cannot forget them.
 * Static assets get the same from the `_headers` file (the asset server answers them without the Worker).
 */
export function withEveryResponseHeaders(response: Response): Response {
	// A 101 carries the live WebSocket: rebuilding it would drop the socket, and it has no body to sniff.
	if (response.status === 101 || response.headers.get('X-Content-Type-Options') === 'nosniff')
		return response;
	try {
		response.headers.set('X-Content-Type-Options', 'nosniff');
		return response;
	} catch {
		// Immutable headers (a response passed through from fetch or a binding): copy it.
		const copy = new Response(response.body, response);
		copy.headers.set('X-Content-Type-Options', 'nosniff');
		return copy;
	}
}
