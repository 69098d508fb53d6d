import type { AuditEntry } from '../../db/audit';
import { caseUnitId } from '../../db/cases';
import type { User } from '../../db/users';
import type { Env } from '../../env';
import { hashedClientAddress } from './client';

/** What an audit entry reads from any police route's context (each route's context type differs by its body). */
export interface ActorContext {
	env: Env;
	get(key: 'user'): User;
	req: { header(name: string): string | undefined };
}

/**
 * An audit entry for what the signed-in officer just did, from their address (hashed). The row belongs to the
 * case's unit when it names a case (a province approving a city's alert is the city's record), else the actor's.
 */
export async function actorEntry(
	c: ActorContext,
	action: string,
	caseId?: string | null,
	detail?: Record<string, unknown>
): Promise<AuditEntry> {
	const user = c.get('user');
	return {
		userId: user.id,
		username: user.username,
		action,
		caseId: caseId ?? null,
		detail,
		ipHash: await hashedClientAddress(c),
		unitId: (caseId ? await caseUnitId(c.env.DB, caseId) : null) ?? user.unitId
	};
}
