import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { sendClue, type OutgoingClue } from './send-clue';

/**
 * Clues written on this device, kept in IndexedDB (with their photo) until the server has them: a clue written
 * without a network is not lost, and is sent by whichever comes first — the service worker's Background Sync,
 * the page's `online` event, or the next visit. Shared by the page and the service worker.
 */
export interface StoredClue extends OutgoingClue {
	state: 'waiting' | 'sent' | 'refused';
	savedAt: string;
	reference?: string;
	sentAt?: string;
	/** Why the server said no, for a clue that was waiting (e.g. the case closed meanwhile). */
	refusal?: { code: string; field?: string };
}

const CHANNEL = 'reunion-clues';
// Long enough to find a reference again after a call from the police; the server keeps the clue itself.
const KEEP_SENT_DAYS = 30;

let store: UseStore | undefined;
const db = () => (store ??= createStore('reunion-clues', 'clues'));

export async function keepClue(clue: OutgoingClue, now = new Date()): Promise<StoredClue> {
	const stored: StoredClue = { ...clue, state: 'waiting', savedAt: now.toISOString() };
	await set(clue.tip.clientId, stored, db());
	return stored;
}

export async function forgetClue(clientId: string): Promise<void> {
	await del(clientId, db());
	announce();
}

/** This case's clues on this device, newest first; sent ones older than a month are dropped on the way. */
export async function cluesFor(caseId: string, now = Date.now()): Promise<StoredClue[]> {
	const all = await entries<string, StoredClue>(db());
	const stale = all.filter(
		([, c]) => c.state === 'sent' && now - Date.parse(c.sentAt ?? c.savedAt) > KEEP_SENT_DAYS * 86_400_000
	);
	await Promise.all(stale.map(([key]) => del(key, db())));
	return all
		.map(([, clue]) => clue)
		.filter((clue) => clue.caseId === caseId && !stale.some(([key]) => key === clue.tip.clientId))
		.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Records the server's answer for a stored clue and tells open pages. */
export async function settleClue(
	clientId: string,
	result: { reference: string } | { refusal: { code: string; field?: string } },
	now = new Date()
): Promise<void> {
	const clue = await get<StoredClue>(clientId, db());
	if (!clue) return;
	const settled: StoredClue =
		'reference' in result
			? { ...clue, state: 'sent', reference: result.reference, sentAt: now.toISOString(), photo: null }
			: { ...clue, state: 'refused', refusal: result.refusal };
	await set(clientId, settled, db());
	announce();
}

export async function hasWaitingClues(): Promise<boolean> {
	return (await entries<string, StoredClue>(db())).some(([, clue]) => clue.state === 'waiting');
}

let flushing: Promise<number> | null = null;

/**
 * Sends every waiting clue once; resolves to how many went. One flush at a time per context; the page and the
 * service worker may still overlap, which the server's clientId check makes harmless.
 */
export function sendWaitingClues(fetchFn: typeof fetch = fetch): Promise<number> {
	flushing ??= flush(fetchFn).finally(() => (flushing = null));
	return flushing;
}

async function flush(fetchFn: typeof fetch): Promise<number> {
	const waiting = (await entries<string, StoredClue>(db()))
		.map(([, clue]) => clue)
		.filter((clue) => clue.state === 'waiting');
	let sent = 0;
	for (const clue of waiting) {
		const result = await sendClue(clue, fetchFn);
		if (result.kind === 'unreachable') break; // still offline: the rest would fail the same way
		if (result.kind === 'sent') {
			sent++;
			await settleClue(clue.tip.clientId, { reference: result.reference });
		} else if (result.status !== 429) {
			await settleClue(clue.tip.clientId, {
				refusal: { code: result.code, ...(result.field ? { field: result.field } : {}) }
			});
		} else break; // rate-limited: keep waiting, try on the next chance
	}
	return sent;
}

/** Wakes other tabs and the page when the service worker sent something (or the reverse). */
export function announce(): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage('changed');
	channel.close();
}

export function onCluesChanged(listener: () => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = () => listener();
	return () => channel.close();
}
