// The local Worker as its own process group (`npm start` under setsid), so a test can kill wrangler and workerd
// at once with SIGKILL, as a crash would, and start them again on the same state (TOOLCHAIN.md).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';

export interface LocalWorker {
	origin: string;
	/** SIGKILL to the whole group: wrangler and workerd die mid-work, nothing is flushed. */
	kill(): void;
	/** SIGTERM to the group, for the end of a run. */
	stop(): Promise<void>;
}

export interface WorkerOptions {
	port: number;
	state: string;
	log: string;
	vars: Record<string, string>;
}

const quiet = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' };

/** Runs a wrangler command to completion (migrations, d1 execute), failing loudly. */
export function wrangler(args: string[]): void {
	const result = spawnSync('npx', ['wrangler', ...args], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, ...quiet }
	});
	if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} exited ${result.status}`);
}

async function ready(url: string, deadline: number): Promise<void> {
	while (Date.now() < deadline) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${url} did not answer in time`);
}

/** Starts `npm start` (no build) and returns once the demo data is seeded. */
export async function startWorker(options: WorkerOptions): Promise<LocalWorker> {
	const origin = `http://127.0.0.1:${options.port}`;
	const out = openSync(options.log, 'a');
	const child: ChildProcess = spawn('node', ['scripts/start.mjs'], {
		// detached: the child calls setsid(), so its pid is the group's id and wrangler + workerd are in it.
		detached: true,
		stdio: ['ignore', out, out],
		env: {
			...process.env,
			...quiet,
			...options.vars,
			REUNION_PORT: String(options.port),
			REUNION_STATE: options.state,
			REUNION_SKIP_BUILD: '1',
			REUNION_LOG_LEVEL: 'error'
		}
	});
	const group = child.pid!;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await ready(`${origin}/api/cases/demo-beijing`, Date.now() + 120_000);
	return {
		origin,
		kill: () => process.kill(-group, 'SIGKILL'),
		stop: async () => {
			try {
				process.kill(-group, 'SIGTERM');
			} catch {
				return; // already gone
			}
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
			try {
				process.kill(-group, 'SIGKILL');
			} catch {
				// gone
			}
		}
	};
}

/** Waits until nothing answers on the port any more (a killed workerd may take a moment to release it). */
export async function waitForPortFree(origin: string): Promise<void> {
	for (let i = 0; i < 40; i++) {
		try {
			await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(500) });
		} catch {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
