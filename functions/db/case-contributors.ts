/** What an officer does to shape a case before approval; the audit log is the record of who did it. */
const SHAPING_ACTIONS = ['create', 'edit', 'photo', 'submit'] as const;

const SHAPERS = `SELECT DISTINCT user_id FROM audit_log
	WHERE case_id = ? AND user_id IS NOT NULL AND action IN (${SHAPING_ACTIONS.map(() => '?').join(', ')})`;

/**
 * Everyone who wrote, edited, re-photographed or submitted the case. The two-person rule asks for an approver
 * who did none of these: otherwise one person could rewrite someone else's draft and approve it.
 */
export async function listCaseShapers(db: D1Database, caseId: string): Promise<string[]> {
	const { results } = await db
		.prepare(SHAPERS)
		.bind(caseId, ...SHAPING_ACTIONS)
		.all<{ user_id: string }>();
	return results.map((row) => row.user_id);
}
