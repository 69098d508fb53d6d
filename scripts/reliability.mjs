// `npm run reliability:crash` (issue 18): kills the local Worker mid fan-out and measures what the Cron repairs,
// then a push service answering 500 for 60 s and one that never answers. Long (≈ 10 min), so never part of
// `npm test`; the logic it relies on is tested there (tests/integration/fanout-crash.test.ts,
// durable-seam.test.ts). Ends with one JSON line of figures.
import { importBundled } from './import-bundled.mjs';

// Bundled like the benchmarks: the script imports the app's geo module and the test push peer as they ship.
const { runCrashScenarios } = await importBundled(
	'tests/reliability/crash.ts',
	'tests/reliability/.data',
	'crash'
);
// The peer's never-answering requests hold timers for an hour: exit once the figures (or the error) are out.
try {
	console.log(JSON.stringify(await runCrashScenarios()));
	process.exit(0);
} catch (error) {
	console.error(error);
	process.exit(1);
}
