import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';

interface BuildScript {
	BASEMAP_DIR: string;
	buildBasemap(options: { force: boolean }): { archiveBytes: number; buildMs: number };
}

/** The archive in memory, for timing reads without the network. */
class BytesSource implements Source {
	constructor(private readonly bytes: Uint8Array) {}
	getKey() {
		return 'archive';
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		return { data: this.bytes.slice(offset, offset + length).buffer };
	}
}

/**
 * The offline basemap (issue 20 point 5): rebuilds it from scratch (the build time CI pays when the inputs change),
 * then reads every z8 tile around Wuhan and Shanghai through the pmtiles reader.
 */
export async function runTiles(): Promise<Record<string, unknown>> {
	// Imported where it lies (not bundled by scripts/bench.mjs): it finds its inputs beside itself.
	const script = pathToFileURL(join(process.cwd(), 'scripts', 'build-basemap.mjs')).href;
	const { BASEMAP_DIR, buildBasemap } = (await import(script)) as BuildScript;
	const figures = buildBasemap({ force: true });
	const bytes = new Uint8Array(readFileSync(join(BASEMAP_DIR, 'reunion.pmtiles')));
	const archive = new PMTiles(new BytesSource(bytes));
	const started = performance.now();
	let read = 0;
	let tileBytes = 0;
	for (let x = 205; x <= 220; x++) {
		for (let y = 100; y <= 110; y++) {
			const tile = await archive.getZxy(8, x, y);
			if (tile) {
				read++;
				tileBytes += tile.data.byteLength;
			}
		}
	}
	const elapsed = performance.now() - started;
	return {
		tiles: {
			...figures,
			archiveMiB: Number((figures.archiveBytes / 1024 / 1024).toFixed(2)),
			z8TilesRead: read,
			z8MeanTileBytes: Math.round(tileBytes / Math.max(1, read)),
			z8ReadMsPerTile: Number((elapsed / 176).toFixed(3))
		}
	};
}
