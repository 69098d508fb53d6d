import { inAppBrowser, type InAppBrowser } from '../check/helpers';
import { activeRegions } from '../regions/store';
import type { PushSupport } from './client';

/**
 * What is true about this phone's alerts, for the sentence the home page and /regions show: never "on" when
 * the server has forgotten the phone (every region muted), and never "off" without why and what to do.
 */
export type AlertState =
	| { kind: 'on' }
	| { kind: 'allMuted' }
	| { kind: 'inApp'; app: InAppBrowser }
	| { kind: 'denied' | 'iosInstall' | 'unsupported' | 'off' };

export interface AlertStateInput {
	/** The device's record that it subscribed (IndexedDB, src/lib/regions/store). */
	alertsOn: boolean;
	regions: Array<{ muted?: boolean }>;
	support: PushSupport;
	userAgent: string;
}

export function alertState({ alertsOn, regions, support, userAgent }: AlertStateInput): AlertState {
	// An app's built-in browser (WeChat, QQ) has no Push API: say at once how to leave it, before any check.
	const app = inAppBrowser(userAgent);
	if (app && !alertsOn) return { kind: 'inApp', app };
	// Muting the last active region deletes the server's subscription (src/lib/push/client.ts).
	if (alertsOn) return activeRegions(regions).length === 0 ? { kind: 'allMuted' } : { kind: 'on' };
	if (support === 'denied') return { kind: 'denied' };
	if (support === 'ios-install') return { kind: 'iosInstall' };
	if (support === 'unsupported') return { kind: 'unsupported' };
	return { kind: 'off' };
}

/** Whether the sentence comes with a button that turns alerts on (the reason is one a tap can fix). */
export function canTurnOn(state: AlertState): boolean {
	return state.kind === 'off';
}
