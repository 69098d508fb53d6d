import { PoliceApiError } from '../api';
import type { Problem } from '../form/problem';

export type { AdminUser, AuditEntry, ChainReport } from '../../schemas';

/** Which field an API error belongs to (its `field`), and the console's words for it. */
export function userError(error: unknown): Problem {
	if (!(error instanceof PoliceApiError)) return { field: null, key: 'common.error' };
	const code = error.code;
	const field = (['username', 'displayName', 'password'] as const).find((f) => f === error.field);
	if (field === 'username')
		return { field, key: code === 'conflict' ? 'admin.error.usernameTaken' : 'admin.error.username' };
	if (field === 'displayName') return { field, key: 'admin.error.displayName' };
	if (field === 'password') return { field, key: 'admin.error.password' };
	// The only field-less conflict of the users API: an admin disabling or demoting themself.
	if (code === 'conflict') return { field: null, key: 'admin.error.self' };
	if (code === 'unauthenticated') return { field: null, key: 'admin.error.session' };
	return { field: field ?? null, key: error.messageKey };
}
