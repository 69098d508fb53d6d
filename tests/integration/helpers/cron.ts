import { createScheduledController, env } from 'cloudflare:test';
import type { Env } from '../../../functions/env';
import worker from '../worker-entry';

/** Runs the Cron trigger as Cloudflare would at `at` (its scheduledTime), against `target`'s bindings. */
export async function cron(at: Date, target: Env = env): Promise<void> {
	await worker.scheduled!(
		createScheduledController({ scheduledTime: at.getTime(), cron: '* * * * *' }),
		target,
		{ waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext
	);
}
