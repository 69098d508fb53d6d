import type { MessageKey } from '../../i18n';
import { PoliceApiError, type PoliceUser } from '../api';

/** A row of GET /api/police/users (functions/db/users.ts `User`). */
export interface AdminUser extends PoliceUser {
	displayName: string;
	disabled: boolean;
}

/** A row of GET /api/police/audit (functions/db/audit.ts `AuditRow`). */
export interface AuditEntry {
	id: number;
	at: string;
	username: string | null;
	action: string;
	case_id: string | null;
	detail: string | null;
	ip_hash: string | null;
}

/** GET /api/police/audit/verify. */
export interface ChainReport {
	ok: boolean;
	rows: number;
	firstBadId?: number;
}

export type UserField = 'username' | 'displayName' | 'password';

export interface UserProblem {
	/** null: the error belongs to the whole form, not one field. */
	field: UserField | null;
	key: MessageKey;
}

/** Which field an API error belongs to (its `field`), and the console's words for it. */
export function userError(error: unknown): UserProblem {
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
