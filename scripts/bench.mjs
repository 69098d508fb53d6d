// `npm run bench` (issues 3, 20, 23): a. selection, b. encrypt + sign, c. end to end, tiles (the basemap archive),
// sim (the deployment model with the shipped configuration); ends with
// one JSON line of figures.
// Benchmarks stay out of `npm test`: timings on a shared 2-core machine are noisy, so they report, never fail.
// `npm run bench -- a b` runs a subset; sim is the deployment model (docs/scale.md), tiles the basemap's figures.
import { importBundled } from './import-bundled.mjs';

const OUT = 'tests/bench/.data';
const BENCHES = {
	a: ['tests/bench/selection.ts', 'runSelection'],
	b: ['tests/bench/crypto.ts', 'runCrypto'],
	c: ['tests/bench/end-to-end.ts', 'runEndToEnd'],
	// Issue 20: where the place index lives (sizes, scan vs FTS5, the local Worker's p50/p95); run when named.
	places: ['tests/bench/places.ts', 'runPlaces'],
	// The offline basemap (issue 20): archive size, zooms, labels per level, build time, tile reads.
	tiles: ['tests/bench/tiles.ts', 'runTiles'],
	// Not a measurement: the pipeline model of docs/scale.md (issue 12); it runs only when named.
	sim: ['tests/bench/simulate-run.ts', 'runSimulation']
};
const DEFAULT = ['a', 'b', 'c', 'tiles', 'sim'];
const chosen = process.argv.slice(2).filter((name) => name in BENCHES);

const figures = {};
for (const name of chosen.length ? chosen : DEFAULT) {
	const [entry, exported] = BENCHES[name];
	// The bench code imports the app's TypeScript modules (geo, selection, push) as they ship.
	const module = await importBundled(entry, OUT, `bench-${name}`);
	Object.assign(figures, await module[exported]());
}
console.log(JSON.stringify(figures));
