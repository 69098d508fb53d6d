import type { CaseRow } from '../db/cases';
import type { Env } from '../env';
import { caseChangeListeners } from './listeners';
import type { CaseChange, ListenerOutcome } from './types';

export type { CaseChange, CaseChangeKind, CaseChangeListener, ListenerOutcome } from './types';

/**
 * The one seam for case changes (DESIGN.md): routes and the Cron steps call this after the change is committed,
 * and every listener hears it. A listener that fails does not keep the others from hearing; the first failure is
 * rethrown afterwards so the caller (and the log) sees it — the fan-out sweep repairs an alert that never started.
 */
export async function announceCaseChange(
	env: Env,
	row: CaseRow,
	change: CaseChange,
	now = new Date()
): Promise<Required<ListenerOutcome>> {
	const fanoutJobs: string[] = [];
	const failures: unknown[] = [];
	for (const listener of caseChangeListeners) {
		try {
			const outcome = await listener.onCaseChange(env, row, change, now);
			if (outcome?.fanoutJobs) fanoutJobs.push(...outcome.fanoutJobs);
		} catch (error) {
			console.error(`case change listener ${listener.name} failed on ${row.id} (${change.kind})`, error);
			failures.push(error);
		}
	}
	if (failures.length) throw failures[0];
	return { fanoutJobs };
}
