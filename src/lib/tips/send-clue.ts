import type { z } from 'zod';
import type { tipCreateSchema } from '../schemas/tips';

/** What the page sends as the clue (API.md "Tips"), clientId included so every resend is the same clue. */
export type ClueBody = z.input<typeof tipCreateSchema> & { clientId: string };

export interface OutgoingClue {
	caseId: string;
	tip: ClueBody;
	photo: Blob | null;
}

export type SendResult =
	| { kind: 'sent'; id: string; reference: string }
	/** The server read the clue and said no (4xx): sending it again unchanged would be refused again. */
	| { kind: 'refused'; status: number; code: string; field?: string }
	/** No network, or a server fault: keep the clue and try again later. */
	| { kind: 'unreachable' };

/** One attempt: multipart when there is a photo (a `tip` JSON part and a `photo` part), JSON otherwise. */
export async function sendClue(clue: OutgoingClue, fetchFn: typeof fetch = fetch): Promise<SendResult> {
	const url = `/api/cases/${encodeURIComponent(clue.caseId)}/tips`;
	let body: BodyInit;
	const headers: Record<string, string> = {};
	if (clue.photo) {
		const form = new FormData();
		form.set('tip', JSON.stringify(clue.tip));
		form.set('photo', clue.photo, 'clue.jpg');
		body = form;
	} else {
		body = JSON.stringify(clue.tip);
		headers['Content-Type'] = 'application/json';
	}
	let response: Response;
	try {
		response = await fetchFn(url, { method: 'POST', headers, body, credentials: 'omit' });
	} catch {
		return { kind: 'unreachable' };
	}
	if (response.ok) {
		const { id, reference } = (await response.json()) as { id: string; reference: string };
		return { kind: 'sent', id, reference };
	}
	if (response.status >= 500) return { kind: 'unreachable' };
	const error = (await response.json().catch(() => null)) as {
		error?: { code?: string; field?: string };
	} | null;
	return {
		kind: 'refused',
		status: response.status,
		code: error?.error?.code ?? 'unknown',
		...(error?.error?.field ? { field: error.error.field } : {})
	};
}
