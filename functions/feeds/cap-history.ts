import type { CapMessageRow } from '../db/cap-messages';
import type { CaseRow } from '../db/cases';
import type { MessageKind } from '../db/fanout-jobs';
import type { SentMessageRow } from '../db/feed-messages';

/** One CAP message a case has sent: what changed, at which case version, when, and the circle it covered. */
export interface CapMessage {
	version: number;
	/**
	 * A plain update does not bump the case version, so a second message at one version is told apart by its
	 * place among them (2, 3 …): identifiers must stay unique (CAP 1.2 §3.2.1).
	 */
	repeat?: number;
	/** A radius step: the text says how far the alert now reaches. */
	radiusStep?: boolean;
	kind: MessageKind;
	sentAt: string;
	radiusKm: number;
	/** The officer's text for an update, a resolution or a cancellation. */
	text?: string | null;
	/**
	 * The case as it stood when the message was sent (migration 0070): a message once published never changes
	 * (CAP 1.2 §3.2.1), so it is rendered from this, not from the case as it stands now. Absent for messages
	 * rebuilt from fan-out jobs of cases from before messages were recorded.
	 */
	snapshot?: CaseRow;
	/**
	 * The local part of CAP `sender` this message went out with: the issuing unit's code (migration 0092).
	 * Absent: `reunion`, as for every message from before units named the sender.
	 */
	sender?: string;
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
	const message = {
		version: row.version,
		kind: kindOfStatus(row),
		sentAt: row.updated_at,
		radiusKm: row.radius_km
	};
	// A draft previews the sender it will be published with; a case published before messages were recorded
	// keeps the sender it went out with.
	return row.published_at === null && row.issuer_code ? { ...message, sender: row.issuer_code } : message;
}

/**
 * startFanout (functions/fanout/job.ts) names a job `<case>:<kind>:<version>:<radius>:<inner>:<shard>:<time>`;
 * jobs that differ only in the shard are one message. Read from the right, since only the case id is free text.
 */
function parseJobId(job: SentMessageRow): { version: number; key: string } | null {
	if (!job.id.startsWith(`${job.case_id}:`)) return null;
	const parts = job.id.slice(job.case_id.length + 1).split(':');
	if (parts.length !== 6 || parts[0] !== job.kind) return null;
	const version = Number(parts[1]);
	if (!Number.isInteger(version)) return null;
	return { version, key: [parts[0], parts[1], parts[2], parts[3], parts[5]].join(':') };
}

/**
 * The case's recorded messages, oldest first (functions/case-changes/listeners/cap-messages.ts). Retention
 * (functions/db/retention.ts) is the one thing that reaches into a sent message: once the case is reduced, its
 * messages lose the officers' texts as the case did (cap.ts takes the reduced fields from the case).
 */
export function recordedHistory(row: CaseRow, rows: readonly CapMessageRow[]): CapMessage[] {
	return rows
		.filter((message) => message.case_id === row.id)
		.sort((a, b) => a.seq - b.seq)
		.map((message) => ({
			version: message.version,
			...(message.repeat ? { repeat: message.repeat } : {}),
			kind: message.kind,
			...(message.radius_step ? { radiusStep: true } : {}),
			sentAt: message.sent_at,
			radiusKm: message.radius_km,
			text: row.retained_at ? null : message.text,
			snapshot: JSON.parse(message.snapshot) as CaseRow,
			...(message.sender ? { sender: message.sender } : {})
		}));
}

/** The recorded messages of a case, or for a case from before they were recorded, those its fan-out jobs imply. */
export function messagesOf(
	row: CaseRow,
	recorded: readonly CapMessageRow[],
	jobs: readonly SentMessageRow[]
): CapMessage[] {
	const history = recordedHistory(row, recorded);
	return history.length ? history : historyOf(row, jobs);
}

/** The case's messages, oldest first, from its fan-out jobs; the case as it stands when none were recorded. */
export function historyOf(row: CaseRow, jobs: readonly SentMessageRow[]): CapMessage[] {
	const seen = new Set<string>();
	const perVersion = new Map<number, number>();
	const history: CapMessage[] = [];
	for (const job of [...jobs].sort((a, b) => a.created_at.localeCompare(b.created_at))) {
		const parsed = job.case_id === row.id ? parseJobId(job) : null;
		if (!parsed || seen.has(parsed.key)) continue;
		seen.add(parsed.key);
		const count = (perVersion.get(parsed.version) ?? 0) + 1;
		perVersion.set(parsed.version, count);
		const radiusStep = job.kind === 'alert' && job.inner_radius_km > 0;
		history.push({
			version: parsed.version,
			...(count > 1 ? { repeat: count } : {}),
			kind: radiusStep ? 'update' : job.kind,
			...(radiusStep ? { radiusStep } : {}),
			sentAt: job.created_at,
			radiusKm: job.radius_km,
			text: job.text
		});
	}
	return history.length ? history : [currentMessage(row)];
}
