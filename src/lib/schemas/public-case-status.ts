import type { CancelledCase, PublicCase } from './public-responses';

/** Without zod, so the case page can tell a cancelled case apart without loading the schemas. */
export function isCancelledCase(found: PublicCase): found is CancelledCase {
	return found.status === 'cancelled';
}
