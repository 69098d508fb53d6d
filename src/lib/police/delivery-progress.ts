/** One message kind's counts, as `GET /api/police/cases/:id/deliveries` answers (API.md). */
export interface KindCounts {
	selected: number;
	delivered: number;
	gone: number;
	failed: number;
	pending: number;
}

export type MessageKind = 'alert' | 'update' | 'resolved' | 'cancelled';
export type DeliveryAnswer = KindCounts & { byKind: Record<MessageKind, KindCounts> };

export interface ProgressRow extends KindCounts {
	kind: MessageKind;
	/** Devices with a final outcome (delivered, gone or failed): the bar's value, out of `selected`. */
	done: number;
}

const ORDER: MessageKind[] = ['alert', 'update', 'resolved', 'cancelled'];

/**
 * One progress row per message kind that went out, in the order they go: after resolution the alert and the
 * "found" message are counted apart, never summed into one total that would read as twice the phones.
 */
export function progressRows(answer: DeliveryAnswer): ProgressRow[] {
	return ORDER.flatMap((kind) => {
		const counts = answer.byKind[kind];
		if (!counts || counts.selected === 0) return [];
		return [{ kind, ...pick(counts), done: counts.delivered + counts.gone + counts.failed }];
	});
}

/** How many phones a resolution or withdrawal will tell: those the alert reached (API.md "resolve"). */
export function phonesReached(answer: DeliveryAnswer): number {
	return answer.byKind.alert.delivered;
}

function pick({ selected, delivered, gone, failed, pending }: KindCounts): KindCounts {
	return { selected, delivered, gone, failed, pending };
}
