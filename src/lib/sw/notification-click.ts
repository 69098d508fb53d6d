/// <reference lib="webworker" />

/** A tap opens (or focuses) the case page; the "I have a clue" action opens it at the clue form (#tip). */
export function handleNotificationClick(self: ServiceWorkerGlobalScope): void {
	self.addEventListener('notificationclick', (event) => {
		event.notification.close();
		const base = (event.notification.data as { url?: string } | null)?.url ?? '/';
		const target = new URL(event.action === 'clue' ? `${base}#tip` : base, self.location.origin).href;
		event.waitUntil(openOrFocus(self, target));
	});
}

async function openOrFocus(self: ServiceWorkerGlobalScope, url: string): Promise<void> {
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const same = windows.find((client) => client.url.split('#')[0] === url.split('#')[0]);
	if (same) {
		await same.focus();
		return;
	}
	await self.clients.openWindow(url);
}
