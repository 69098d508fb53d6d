import { execFileSync } from 'node:child_process';

/** Reads the e2e server's local D1 as the server stored it (the page cannot lie about what left it). */
export function queryLocalD1<T>(sql: string): T[] {
	const output = execFileSync(
		'node_modules/.bin/wrangler',
		['d1', 'execute', 'DB', '--local', '--persist-to', '.wrangler/e2e-state', '--json', '--command', sql],
		{
			env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	const parsed = JSON.parse(output) as Array<{ results: T[] }>;
	return parsed[0]?.results ?? [];
}

/** Whether the e2e server's local R2 bucket holds `key` (wrangler reads the same state the server writes). */
export function localR2Has(key: string): boolean {
	try {
		execFileSync(
			'node_modules/.bin/wrangler',
			[
				'r2',
				'object',
				'get',
				`reunion-photos/${key}`,
				'--local',
				'--persist-to',
				'.wrangler/e2e-state',
				'--pipe'
			],
			{
				env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
				stdio: ['ignore', 'ignore', 'pipe']
			}
		);
		return true;
	} catch {
		return false;
	}
}
