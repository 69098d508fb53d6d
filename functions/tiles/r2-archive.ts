import { EtagMismatch, PMTiles, type RangeResponse, type Source } from 'pmtiles';

/** Where `npm run tiles:import` puts an archive in the TILES bucket. */
export const archiveKey = (name: string) => `tiles/${name}.pmtiles`;
export const ARCHIVE_NAME = /^[a-z0-9-]{1,40}$/;

/** The pmtiles reader over an R2 object: each read is one ranged GET, conditional on the version read first. */
class R2Source implements Source {
	constructor(
		private readonly bucket: R2Bucket,
		private readonly key: string
	) {}

	getKey() {
		return this.key;
	}

	async getBytes(
		offset: number,
		length: number,
		_signal?: AbortSignal,
		etag?: string
	): Promise<RangeResponse> {
		const object = await this.bucket.get(this.key, {
			range: { offset, length },
			...(etag ? { onlyIf: { etagMatches: etag } } : {})
		});
		if (!object) throw new ArchiveMissing(this.key);
		// A re-import replaced the object between two reads: the reader starts again from the new header.
		if (!('body' in object)) throw new EtagMismatch();
		return { data: await object.arrayBuffer(), etag: object.etag };
	}
}

export class ArchiveMissing extends Error {
	constructor(key: string) {
		super(`no archive at ${key}`);
	}
}

/** One reader per archive and isolate: the header and directories it caches serve every later tile. */
const readers = new Map<string, PMTiles>();

export function openArchive(bucket: R2Bucket, name: string): PMTiles {
	let reader = readers.get(name);
	if (!reader) {
		reader = new PMTiles(new R2Source(bucket, archiveKey(name)));
		readers.set(name, reader);
	}
	return reader;
}

/** Forgets a reader whose archive is gone, so a later import is found. */
export function forgetArchive(name: string): void {
	readers.delete(name);
}
