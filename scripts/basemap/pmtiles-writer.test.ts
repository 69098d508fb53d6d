import { gzipSync } from 'node:zlib';
import { PMTiles, zxyToTileId, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { HEADER_BYTES, tileId, writePmtiles } from './pmtiles-writer.mjs';

/** The `pmtiles` package's reader over bytes in memory: an independent check of what the writer lays out. */
class MemorySource implements Source {
	reads: { offset: number; length: number }[] = [];
	private readonly bytes: Uint8Array;
	constructor(bytes: Uint8Array) {
		// A copy: a Node Buffer may be a view into a larger pool, and `slice(…).buffer` must be exactly the range.
		this.bytes = new Uint8Array(bytes);
	}
	getKey() {
		return 'memory';
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		this.reads.push({ offset, length });
		const slice = this.bytes.slice(offset, offset + length);
		return { data: slice.buffer };
	}
}

const tileBytes = (text: string) => gzipSync(Buffer.from(text));
const read = async (archive: PMTiles, z: number, x: number, y: number) => {
	const tile = await archive.getZxy(z, x, y);
	// The reader gunzips tiles itself, as the header's tile compression says.
	return tile ? Buffer.from(tile.data).toString() : undefined;
};

describe('tile ids', () => {
	it('follow the spec’s Hilbert order, as the reference reader computes them', () => {
		for (const [z, x, y] of <[number, number, number][]>[
			[0, 0, 0],
			[1, 1, 0],
			[3, 5, 2],
			[8, 210, 101],
			[14, 13_388, 6_611],
			[20, 1_000_000, 3]
		]) {
			expect(tileId(z, x, y)).toBe(zxyToTileId(z, x, y));
		}
		expect(() => tileId(2, 4, 0)).toThrow();
	});
});

describe('writePmtiles', () => {
	it('writes an archive the pmtiles reader opens: header, metadata, every tile, none where none was written', async () => {
		const tiles = [
			{ z: 0, x: 0, y: 0, data: tileBytes('world') },
			{ z: 3, x: 6, y: 3, data: tileBytes('wuhan z3') },
			{ z: 8, x: 210, y: 105, data: tileBytes('wuhan z8') }
		];
		const { bytes, stats } = writePmtiles({
			tiles,
			metadata: { name: 'test', vector_layers: [{ id: 'places', fields: {} }] },
			bounds: [73, 18, 135, 54],
			center: [114.3, 30.6, 5]
		});
		const source = new MemorySource(bytes);
		const archive = new PMTiles(source);
		const header = await archive.getHeader();
		expect(header.specVersion).toBe(3);
		expect([header.minZoom, header.maxZoom]).toEqual([0, 8]);
		expect([header.minLon, header.minLat, header.maxLon, header.maxLat]).toEqual([73, 18, 135, 54]);
		expect([header.centerLon, header.centerLat, header.centerZoom]).toEqual([114.3, 30.6, 5]);
		expect(header.tileType).toBe(1);
		expect(header.clustered).toBe(true);
		expect(header.numAddressedTiles).toBe(3);
		expect(header.rootDirectoryOffset).toBe(HEADER_BYTES);
		expect(await archive.getMetadata()).toEqual({
			name: 'test',
			vector_layers: [{ id: 'places', fields: {} }]
		});
		expect(await read(archive, 0, 0, 0)).toBe('world');
		expect(await read(archive, 3, 6, 3)).toBe('wuhan z3');
		expect(await read(archive, 8, 210, 105)).toBe('wuhan z8');
		expect(await archive.getZxy(8, 210, 106)).toBeUndefined();
		expect(await archive.getZxy(9, 0, 0)).toBeUndefined();
		expect(stats).toMatchObject({ addressed: 3, entries: 3, contents: 3 });
	});

	it('stores identical tiles once and runs of them as one entry', async () => {
		const sea = tileBytes('sea');
		// Every z4 tile: the same bytes on 256 consecutive ids, but one different tile in the middle.
		const tiles = [];
		for (let x = 0; x < 16; x++)
			for (let y = 0; y < 16; y++)
				tiles.push({ z: 4, x, y, data: x === 7 && y === 7 ? tileBytes('land') : sea });
		const { bytes, stats } = writePmtiles({ tiles });
		expect(stats.contents).toBe(2);
		// The different tile splits the run in two: three entries in all.
		expect(stats.entries).toBe(3);
		const archive = new PMTiles(new MemorySource(bytes));
		for (const [x, y] of <[number, number][]>[
			[0, 0],
			[15, 15],
			[7, 8],
			[3, 12]
		]) {
			expect(await read(archive, 4, x, y)).toBe('sea');
		}
		expect(await read(archive, 4, 7, 7)).toBe('land');
	});

	it('moves entries to leaf directories when the root would pass 16 KiB, and the reader still finds every tile', async () => {
		const tiles = [];
		// Most of 256 × 256 distinct z8 tiles, with gaps and uneven sizes so the directory does not compress to
		// nothing: far too many entries for one 16 KiB root.
		let seed = 1;
		const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
		for (let x = 0; x < 256; x++) {
			for (let y = 0; y < 256; y++) {
				if (random() < 0.2 && !(x === 255 && y === 255)) continue;
				tiles.push({ z: 8, x, y, data: tileBytes(`${x}/${y}${'.'.repeat(Math.floor(random() * 300))}`) });
			}
		}
		const { bytes, stats } = writePmtiles({ tiles });
		expect(stats.leafBytes).toBeGreaterThan(0);
		const source = new MemorySource(bytes);
		const archive = new PMTiles(source);
		const header = await archive.getHeader();
		expect(header.rootDirectoryLength + HEADER_BYTES).toBeLessThanOrEqual(16_384);
		expect(header.numTileEntries).toBe(tiles.length);
		for (const tile of [tiles[0]!, tiles[tiles.length - 1]!, ...tiles.filter((_, i) => i % 997 === 0)]) {
			expect((await read(archive, 8, tile.x, tile.y))?.split('.')[0]).toBe(`${tile.x}/${tile.y}`);
		}
	});

	it('refuses a tile given twice', () => {
		const data = tileBytes('a');
		expect(() =>
			writePmtiles({
				tiles: [
					{ z: 1, x: 0, y: 0, data },
					{ z: 1, x: 0, y: 0, data }
				]
			})
		).toThrow(/twice/);
	});
});
