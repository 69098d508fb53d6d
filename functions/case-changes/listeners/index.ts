import type { CaseChangeListener } from '../types';
import { capMessagesListener } from './cap-messages';
import { liveAlertsListener } from './live-alerts';
import { publicCacheListener } from './public-cache';
import { pushFanoutListener } from './push-fanout';
import { webhooksListener } from './webhooks';

/**
 * Every channel that hears of case changes, in order: push first, since it is the alert itself. A new channel is
 * one file in this folder and one line here; no route or job changes.
 */
export const caseChangeListeners: CaseChangeListener[] = [
	pushFanoutListener,
	// Before the cache purge: a feed read after the purge must find the message recorded.
	capMessagesListener,
	// Before live alerts: a page told of a change re-reads /api/alerts, which must not answer from the old cache.
	publicCacheListener,
	liveAlertsListener,
	webhooksListener
];
