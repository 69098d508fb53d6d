// A PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): the npm packages named after
// the format only read it. One archive = a 127-byte header, the root directory, JSON metadata, leaf directories and
// the tile data, in that order (a "clustered" archive: tile data sorted by tile id, so neighbours sit together).
// Identical tiles are stored once (open sea, the inside of a continent) and consecutive identical tiles share one
// directory entry with a run length, as the spec intends.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export const HEADER_BYTES = 127;
/** The spec's limit: header and root directory together fit in the first 16 KiB, read with one request. */
const ROOT_LIMIT = 16_384 - HEADER_BYTES;

export const Compression = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 };
export const TileType = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5 };

/** Rotates a quadrant of the Hilbert curve (the same algorithm as the spec's reference code). */
function rotate(n, x, y, rx, ry) {
	if (ry === 0) {
		if (rx === 1) {
			x = n - 1 - x;
			y = n - 1 - y;
		}
		return [y, x];
	}
	return [x, y];
}

/** Tile id: the count of tiles on all lower zooms, plus the tile's position on the Hilbert curve of its zoom. */
export function tileId(z, x, y) {
	if (z > 26) throw new Error('zoom above 26 does not fit in a double');
	const n = 2 ** z;
	if (x < 0 || y < 0 || x >= n || y >= n) throw new Error(`tile ${z}/${x}/${y} outside its zoom`);
	let acc = (4 ** z - 1) / 3;
	let d = 0;
	for (let s = n / 2; s >= 1; s /= 2) {
		const rx = x & s ? 1 : 0;
		const ry = y & s ? 1 : 0;
		d += s * s * ((3 * rx) ^ ry);
		[x, y] = rotate(s, x, y, rx, ry);
	}
	return acc + d;
}

/** Unsigned LEB128, for numbers up to 2^53 (tile ids and offsets exceed 32 bits). */
function writeVarint(out, value) {
	if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint out of range: ${value}`);
	while (value >= 0x80) {
		out.push((value % 0x80) | 0x80);
		value = Math.floor(value / 0x80);
	}
	out.push(value);
}

/** A directory as the spec lays it out: count, delta-coded ids, run lengths, lengths, offsets (0 = contiguous). */
export function serializeDirectory(entries) {
	const out = [];
	writeVarint(out, entries.length);
	let last = 0;
	for (const e of entries) {
		writeVarint(out, e.tileId - last);
		last = e.tileId;
	}
	for (const e of entries) writeVarint(out, e.runLength);
	for (const e of entries) writeVarint(out, e.length);
	entries.forEach((e, i) => {
		const prev = entries[i - 1];
		if (i > 0 && e.offset === prev.offset + prev.length) writeVarint(out, 0);
		else writeVarint(out, e.offset + 1);
	});
	return gzipSync(Uint8Array.from(out), { level: 9 });
}

/** Splits entries into leaves of `leafSize`; the root points at each leaf (run length 0). */
function buildLeaves(entries, leafSize) {
	const root = [];
	const leaves = [];
	let offset = 0;
	for (let i = 0; i < entries.length; i += leafSize) {
		const chunk = entries.slice(i, i + leafSize);
		const bytes = serializeDirectory(chunk);
		root.push({ tileId: chunk[0].tileId, offset, length: bytes.length, runLength: 0 });
		leaves.push(bytes);
		offset += bytes.length;
	}
	return { root: serializeDirectory(root), leaves: Buffer.concat(leaves) };
}

/** The smallest layout that fits: everything in the root, else leaves grown until the root fits its 16 KiB. */
function layoutDirectories(entries) {
	const root = serializeDirectory(entries);
	if (root.length <= ROOT_LIMIT) return { root, leaves: Buffer.alloc(0) };
	for (
		let leafSize = Math.max(4096, Math.ceil(entries.length / 3500));
		;
		leafSize = Math.ceil(leafSize * 1.2)
	) {
		const layout = buildLeaves(entries, leafSize);
		if (layout.root.length <= ROOT_LIMIT) return layout;
	}
}

const e7 = (degrees) => Math.round(degrees * 1e7);

/**
 * Writes an archive. `tiles`: `{ z, x, y, data }` in any order, `data` already compressed as `tileCompression`
 * says (MVT tiles are gzipped by convention). Empty tiles should simply be left out: a reader treats a missing tile
 * as empty.
 */
export function writePmtiles({
	tiles,
	metadata = {},
	tileType = TileType.mvt,
	tileCompression = Compression.gzip,
	bounds = [-180, -85.05112878, 180, 85.05112878],
	center
}) {
	if (!tiles.length) throw new Error('an archive needs at least one tile');
	const sorted = tiles.map((t) => ({ ...t, id: tileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
	const entries = [];
	const chunks = [];
	const byHash = new Map();
	let dataLength = 0;
	let contents = 0;
	for (let i = 0; i < sorted.length; i++) {
		const tile = sorted[i];
		if (i > 0 && tile.id === sorted[i - 1].id)
			throw new Error(`tile ${tile.z}/${tile.x}/${tile.y} given twice`);
		const hash = createHash('sha256').update(tile.data).digest('hex');
		let stored = byHash.get(hash);
		if (!stored) {
			stored = { offset: dataLength, length: tile.data.length };
			byHash.set(hash, stored);
			chunks.push(tile.data);
			dataLength += tile.data.length;
			contents++;
		}
		const last = entries[entries.length - 1];
		// A run: the same bytes again on the very next tile id.
		if (last && last.offset === stored.offset && last.tileId + last.runLength === tile.id) last.runLength++;
		else entries.push({ tileId: tile.id, offset: stored.offset, length: stored.length, runLength: 1 });
	}
	const { root, leaves } = layoutDirectories(entries);
	const meta = gzipSync(Buffer.from(JSON.stringify(metadata)), { level: 9 });

	const zooms = sorted.map((t) => t.z);
	const minZoom = Math.min(...zooms);
	const maxZoom = Math.max(...zooms);
	const [west, south, east, north] = bounds;
	const [centerLon, centerLat, centerZoom] = center ?? [(west + east) / 2, (south + north) / 2, minZoom];

	const rootOffset = HEADER_BYTES;
	const metaOffset = rootOffset + root.length;
	const leafOffset = metaOffset + meta.length;
	const dataOffset = leafOffset + leaves.length;

	const header = Buffer.alloc(HEADER_BYTES);
	header.write('PMTiles', 0, 'ascii');
	header.writeUInt8(3, 7);
	const u64 = (value, at) => header.writeBigUInt64LE(BigInt(value), at);
	u64(rootOffset, 8);
	u64(root.length, 16);
	u64(metaOffset, 24);
	u64(meta.length, 32);
	u64(leafOffset, 40);
	u64(leaves.length, 48);
	u64(dataOffset, 56);
	u64(dataLength, 64);
	u64(sorted.length, 72);
	u64(entries.length, 80);
	u64(contents, 88);
	header.writeUInt8(1, 96); // clustered: tile data in tile id order
	header.writeUInt8(Compression.gzip, 97); // directories and metadata
	header.writeUInt8(tileCompression, 98);
	header.writeUInt8(tileType, 99);
	header.writeUInt8(minZoom, 100);
	header.writeUInt8(maxZoom, 101);
	header.writeInt32LE(e7(west), 102);
	header.writeInt32LE(e7(south), 106);
	header.writeInt32LE(e7(east), 110);
	header.writeInt32LE(e7(north), 114);
	header.writeUInt8(centerZoom, 118);
	header.writeInt32LE(e7(centerLon), 119);
	header.writeInt32LE(e7(centerLat), 123);

	return {
		bytes: Buffer.concat([header, root, meta, leaves, ...chunks]),
		stats: {
			addressed: sorted.length,
			entries: entries.length,
			contents,
			minZoom,
			maxZoom,
			leafBytes: leaves.length
		}
	};
}
