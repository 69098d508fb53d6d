import { isLocalMode, type Env } from '../../env';
import { isAllowedPushEndpoint } from '../../lib/endpoint-policy';
import { ApiError } from './errors';

/**
 * Refuses a push endpoint off the push-service allow-list before anything is stored: otherwise anybody could
 * make every fan-out POST to a URL of their choosing (DESIGN.md "Runtime").
 */
export function requireAllowedPushEndpoint(env: Pick<Env, 'REUNION_LOCAL'>, endpoint: string): void {
	if (isAllowedPushEndpoint(endpoint, isLocalMode(env))) return;
	throw new ApiError(
		'endpoint_not_allowed',
		'This push endpoint does not belong to a known push service. Subscribe from a supported browser.',
		{ field: 'subscription.endpoint' }
	);
}
