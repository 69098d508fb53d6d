// `npm run reliability:crash` (issue 18): kills the local Worker mid fan-out and measures what the Cron repairs,
// then a push service answering 500 for 60 s and one that never answers. Long (≈ 10 min), so never part of
// `npm test`; the logic it relies on is tested there (tests/integration/fanout-crash.test.ts,
// durable-seam.test.ts). Ends with one JSON line of figures.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

const OUT = 'tests/reliability/.data';
mkdirSync(OUT, { recursive: true });
const outfile = `${OUT}/crash.mjs`;
// Bundled like the benchmarks: the script imports the app's geo module and the test push peer as they ship.
await build({
	entryPoints: ['tests/reliability/crash.ts'],
	bundle: true,
	platform: 'node',
	format: 'esm',
	packages: 'external',
	outfile,
	logLevel: 'warning'
});
const { runCrashScenarios } = await import(`../${outfile}?${Date.now()}`);
console.log(JSON.stringify(await runCrashScenarios()));
