export declare const HEADER_BYTES: number;
export declare const Compression: { unknown: 0; none: 1; gzip: 2; brotli: 3; zstd: 4 };
export declare const TileType: { unknown: 0; mvt: 1; png: 2; jpeg: 3; webp: 4; avif: 5 };
export declare function tileId(z: number, x: number, y: number): number;
export interface DirectoryEntry {
	tileId: number;
	offset: number;
	length: number;
	runLength: number;
}
export declare function serializeDirectory(entries: DirectoryEntry[]): Buffer;
export interface WriteOptions {
	tiles: { z: number; x: number; y: number; data: Uint8Array }[];
	metadata?: Record<string, unknown>;
	tileType?: number;
	tileCompression?: number;
	/** west, south, east, north in degrees */
	bounds?: [number, number, number, number];
	/** lon, lat, zoom */
	center?: [number, number, number];
}
export declare function writePmtiles(options: WriteOptions): {
	bytes: Buffer;
	stats: {
		addressed: number;
		entries: number;
		contents: number;
		minZoom: number;
		maxZoom: number;
		leafBytes: number;
	};
};
