// The long-running scripts (bench, reliability) import the app's TypeScript modules as they ship: esbuild bundles
// the entry (keeping npm packages external) into a data folder, and the bundle is imported fresh each run.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bundles `entry` to `<outDir>/<name>.mjs` and imports it. */
export async function importBundled(entry, outDir, name) {
	mkdirSync(outDir, { recursive: true });
	const outfile = `${outDir}/${name}.mjs`;
	await build({
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		format: 'esm',
		packages: 'external',
		outfile,
		logLevel: 'warning'
	});
	// A query makes each run import the bundle it has just built, not a cached one.
	return import(`${pathToFileURL(resolve(outfile)).href}?${Date.now()}`);
}
