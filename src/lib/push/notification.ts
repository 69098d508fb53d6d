/** What a push message carries (sent by functions/push; RFC 8030 limits it to 4 KB). */
export interface PushMessage {
	/** `summary`: the alerts quiet hours held, released as one notification (functions/cron/quiet-release.ts). */
	kind: 'alert' | 'update' | 'resolved' | 'cancelled' | 'summary';
	caseId: string;
	title: string;
	body: string;
	image?: string;
	url: string;
	exercise?: boolean;
	/** When the change was announced (ISO), as live messages carry it: one identity for one announcement. */
	at?: string;
	actions?: { view: string; clue: string };
	/** A summary's cases: the device records each as announced, so catch-up and live do not repeat them. */
	cases?: string[];
}

/** The notification a push shows; `tag` = case id, so an update replaces the earlier alert on the phone. */
export function notificationFor(message: PushMessage): {
	title: string;
	options: NotificationOptions & Record<string, unknown>;
} {
	const actions =
		message.kind === 'alert' || message.kind === 'update'
			? [
					{ action: 'view', title: message.actions?.view ?? '查看' },
					{ action: 'clue', title: message.actions?.clue ?? '我有线索' }
				]
			: [];
	return {
		title: message.title,
		options: {
			body: message.body,
			tag: message.caseId,
			renotify: message.kind === 'alert',
			requireInteraction: message.kind === 'alert',
			icon: '/icons/icon-192.png',
			badge: '/icons/badge-72.png',
			...(message.image ? { image: message.image } : {}),
			actions,
			data: { url: message.url, caseId: message.caseId, kind: message.kind }
		}
	};
}
