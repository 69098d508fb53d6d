import { createStore, delMany, entries, update, type UseStore } from 'idb-keyval';
import type { LiveKind } from '../schemas/live';

/**
 * What this device has announced of one case, whichever path brought it (push, live socket, polling, catch-up).
 * Kept in IndexedDB, which the pages and the service worker share.
 */
export interface ShownRecord {
	alert?: boolean;
	/** When the latest update announced was posted (ms since the epoch); 0 for an update without a time. */
	update?: number;
	resolved?: boolean;
	cancelled?: boolean;
	/** Last change, for pruning (ms since the epoch). */
	at: number;
}

/**
 * The time that tells one announcement of a case from another of the same kind: the `at` both live messages and
 * pushes carry (the instant the server announced the change), as ms; undefined when absent or unreadable.
 * Every path claims with it, so the identity of an announcement is (case id, kind, at) wherever it came from.
 */
export function announcementTime(at: string | undefined): number | undefined {
	if (at === undefined) return undefined;
	const ms = Date.parse(at);
	return Number.isNaN(ms) ? undefined : ms;
}

/** Cases older than this are forgotten: none is still open after a month without an announcement. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Whether a change should be announced given what was shown before: each alert, resolution and cancellation once
 * per case, each update once (told apart by when it was posted), and nothing more once the case is closed. An
 * update without a time (a push sent before pushes carried `at`) is announced unless the case is closed:
 * repeating one beats losing one.
 */
export function shouldAnnounce(record: ShownRecord | undefined, kind: LiveKind, at?: number): boolean {
	if (!record) return true;
	if (record.resolved || record.cancelled) return false;
	if (kind === 'alert') return !record.alert;
	if (kind === 'update') return at === undefined || at > (record.update ?? -1);
	return true;
}

export function recordShown(
	record: ShownRecord | undefined,
	kind: LiveKind,
	changedAt: number | undefined,
	now: number
): ShownRecord {
	const next: ShownRecord = { ...record, at: now };
	if (kind === 'update') next.update = Math.max(record?.update ?? 0, changedAt ?? 0);
	else next[kind] = true;
	// An update or a closing message implies the alert: a later copy of the alert is not news.
	next.alert = true;
	return next;
}

let store: UseStore | undefined;
function db(): UseStore {
	store ??= createStore('reunion-shown', 'shown');
	return store;
}

/**
 * Records the announcement and says whether the caller should make it, in one IndexedDB transaction, so a push
 * and a live message for the same change racing in two contexts announce it once.
 */
export async function claimAnnouncement(
	caseId: string,
	kind: LiveKind,
	changedAt?: number
): Promise<boolean> {
	let claimed = false;
	await update<ShownRecord>(
		caseId,
		(record) => {
			claimed = shouldAnnounce(record, kind, changedAt);
			return claimed
				? recordShown(record, kind, changedAt, Date.now())
				: (record ?? recordShown(undefined, kind, changedAt, Date.now()));
		},
		db()
	);
	return claimed;
}

/** Forgets cases not touched for a month, so the record stays small. */
export async function pruneShown(now = Date.now()): Promise<void> {
	const old = (await entries<string, ShownRecord>(db()))
		.filter(([, record]) => now - record.at > KEEP_MS)
		.map(([caseId]) => caseId);
	if (old.length > 0) await delMany(old, db());
}
