import { exportAuditLog } from './audit-export';
import { pruneChallenges } from '../db/passkeys';
import { pruneRateLimits } from '../db/rate-limits';
import { pruneSignInFailures } from '../db/sign-in-failures';
import { pruneChecks } from '../db/subscription-checks';
import { pruneWebhookHistory } from '../db/webhook-deliveries';
import type { Env } from '../env';
import { growRadii } from './radius-growth';
import { releaseHeldAlerts } from './quiet-release';
import { applyRetention } from './retention';
import { sweepFanout } from '../fanout/sweep';
import { redeliverAnnouncements } from '../case-changes/redeliver';

/**
 * The Cron trigger (every minute). `now` is the trigger's scheduledTime, not the wall clock, so tests control
 * time and a delayed run still acts for the minute it was meant for.
 */
export async function runScheduled(env: Env, now: Date): Promise<void> {
	// Announcements lost between commit and announce first (issue 18): they start the fan-outs the sweep watches.
	await redeliverAnnouncements(env, now);
	// Then the sweep: a case whose alert never started gets it before a radius step alerts only the new ring.
	await sweepFanout(env, now);
	await growRadii(env, now);
	await releaseHeldAlerts(env, now);
	await applyRetention(env, now);
	await exportAuditLog(env, now);
	await pruneRateLimits(env.DB, new Date(now.getTime() - 24 * 3600_000));
	await pruneChallenges(env.DB, now);
	await pruneSignInFailures(env.DB, Math.floor(now.getTime() / 1000) - 24 * 3600);
	// Delivery checks count towards the hourly limit for an hour, and answer GET for a day.
	await pruneChecks(env.DB, new Date(now.getTime() - 24 * 3600_000));
	// A partner's delivery log answers "did you send it?" for a month; every retry ends within 28 hours.
	await pruneWebhookHistory(env.DB, new Date(now.getTime() - 30 * 24 * 3600_000));
}
