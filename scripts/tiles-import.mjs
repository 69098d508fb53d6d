#!/usr/bin/env node
// `npm run tiles:import FILE.pmtiles [-- --name NAME] [--remote]`: puts a street-map extract made elsewhere (e.g.
// `pmtiles extract` of a Protomaps planet build, or a Planetiler output) into the TILES bucket, where the Worker
// serves it at /tiles/NAME.json, /tiles/NAME/{z}/{x}/{y}.mvt and /tiles/NAME/style.json (functions/tiles).
// Locally (the default) into the local R2 under REUNION_STATE (.wrangler/state), as `npm start` uses it;
// `--remote` into the deployed bucket. Names are versions: import a new extract under a new name and point
// PUBLIC_MAP_STYLE at it, since edges and browsers keep tiles of a name for a day.
import { spawnSync } from 'node:child_process';
import { openSync, readSync, statSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import { bytesToHeader } from 'pmtiles';

const BUCKET = 'reunion-tiles';
/** wrangler uploads one object in one request: above this, R2's S3 API with multipart (rclone, aws s3) is needed. */
const WRANGLER_LIMIT = 300 * 1024 * 1024;

function fail(message) {
	console.error(`tiles:import: ${message}`);
	process.exit(1);
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--name');
const remote = args.includes('--remote');
const nameAt = args.indexOf('--name');
const name = nameAt >= 0 ? args[nameAt + 1] : basename(file ?? '', '.pmtiles').toLowerCase();
if (!file) fail('usage: npm run tiles:import FILE.pmtiles [-- --name NAME] [--remote]');
if (!/^[a-z0-9-]{1,40}$/.test(name ?? '')) fail(`name "${name}": use 1–40 of a-z, 0-9 and -`);

// The header, read by the pmtiles package itself: only a PMTiles v3 archive is accepted.
const size = statSync(file).size;
const fd = openSync(file, 'r');
const head = Buffer.alloc(127);
readSync(fd, head, 0, 127, 0);
closeSync(fd);
if (head.toString('ascii', 0, 7) !== 'PMTiles') fail(`${file} is not a PMTiles archive`);
let header;
try {
	header = bytesToHeader(head.buffer.slice(head.byteOffset, head.byteOffset + 127));
} catch (error) {
	fail(`${file} is not a PMTiles v3 archive (${error.message})`);
}
if (header.specVersion !== 3)
	fail(`${file}: PMTiles version ${header.specVersion}; convert it with \`pmtiles convert\``);
console.log(
	`${file}: ${(size / 1024 / 1024).toFixed(1)} MiB, zooms ${header.minZoom}–${header.maxZoom}, ` +
		`bounds ${[header.minLon, header.minLat, header.maxLon, header.maxLat].join(', ')}, ${header.numAddressedTiles} tiles`
);
if (size > WRANGLER_LIMIT) {
	fail(
		`over ${WRANGLER_LIMIT / 1024 / 1024} MiB, more than wrangler uploads at once. Upload it with R2's S3 API ` +
			`(multipart), e.g. \`rclone copyto ${file} r2:${BUCKET}/tiles/${name}.pmtiles\`, then use it as below.`
	);
}

const state = process.env.REUNION_STATE ?? '.wrangler/state';
const result = spawnSync(
	'wrangler',
	[
		'r2',
		'object',
		'put',
		`${BUCKET}/tiles/${name}.pmtiles`,
		'--file',
		file,
		'--content-type',
		'application/vnd.pmtiles',
		...(remote ? ['--remote'] : ['--local', '--persist-to', state])
	],
	{ stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } }
);
if (result.status !== 0) fail('wrangler r2 object put failed');
console.log(
	`Imported as "${name}". Serve it by setting PUBLIC_MAP_STYLE=/tiles/${name}/style.json (README, Maps).`
);
