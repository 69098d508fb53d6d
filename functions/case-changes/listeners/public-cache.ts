import { bumpPublicGeneration } from '../../db/settings';
import type { CaseChangeListener } from '../types';

/**
 * Public answers (alerts, cases, feeds) are kept in the edge cache under a key holding the public generation
 * (functions/public-http/edge-cache.ts): moving it on makes every data centre miss at once, where a purge would
 * reach only the one that ran it. Every change counts, even a draft's: a spare miss costs less than a stale alert. Retention's `withdrawn` is
 * what makes the reduced name replace the full one on every cached answer at once (functions/cron/retention.ts).
 */
export const publicCacheListener: CaseChangeListener = {
	name: 'public-cache',
	async onCaseChange(env, _row, _change, now) {
		await bumpPublicGeneration(env.DB, now);
	}
};
