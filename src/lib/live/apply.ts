import type { CaseSummary } from '../schemas';
import type { LiveKind } from '../schemas/live';

export type LiveChange = { kind: LiveKind; case: CaseSummary } | { kind: 'gone' };

/**
 * A list of open cases with the live changes applied in place: an alert or update adds or replaces its case,
 * a resolution, cancellation or disappearance removes it. Newest first, like `/api/alerts`.
 */
export function applyLiveChanges(list: CaseSummary[], changes: Record<string, LiveChange>): CaseSummary[] {
	const byId = new Map(list.map((item) => [item.id, item]));
	for (const [id, change] of Object.entries(changes)) {
		if (change.kind === 'alert' || change.kind === 'update') byId.set(id, change.case);
		else byId.delete(id);
	}
	return [...byId.values()].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
}
