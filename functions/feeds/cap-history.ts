import type { CaseRow } from '../db/cases';
import type { MessageKind } from '../db/fanout-jobs';

/** One CAP message a case has sent: what changed, at which case version, when, and the circle it covered. */
export interface CapMessage {
	version: number;
	kind: MessageKind;
	sentAt: string;
	radiusKm: number;
	/** The officer's text for an update, a resolution or a cancellation. */
	text?: string | null;
}

/** The kind of message a case's current status stands for. */
export function kindOfStatus(row: Pick<CaseRow, 'status'>): MessageKind {
	if (row.status === 'cancelled') return 'cancelled';
	if (row.status === 'resolved') return 'resolved';
	return 'alert';
}

/**
 * The message list of a case with no recorded messages (a console preview of a draft, or a case from before
 * messages were recorded): the case as it stands, as one message at its current version.
 */
export function currentMessage(row: CaseRow): CapMessage {
	return { version: row.version, kind: kindOfStatus(row), sentAt: row.updated_at, radiusKm: row.radius_km };
}
