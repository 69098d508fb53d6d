/**
 * Lets go of a response body nobody will read. A body left unread keeps its connection busy until the browser
 * gives up on it, so the page never settles (a 401 from /api/auth/me held the console short of network idle).
 */
export async function discardBody(response: Response): Promise<void> {
	await response.body?.cancel().catch(() => {});
}
