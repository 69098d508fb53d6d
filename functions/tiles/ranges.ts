import { parseRange } from '../../src/lib/map/byte-range';

/**
 * HTTP range requests (RFC 9110 §14) over an archive: PMTiles readers fetch the header, the directories and each
 * tile as byte ranges of one file. One range per request, as the readers ask; anything else gets the whole body.
 */
export { parseRange };

export interface RangeSource {
	size: number;
	etag: string;
	/** Bytes `start` … `end` inclusive. */
	read(start: number, end: number): Promise<ArrayBuffer | Uint8Array<ArrayBuffer>>;
}

/**
 * The answer to a GET of a ranged resource: 206 with Content-Range, 416 past its end, 304 for a matching
 * If-None-Match, 412 when If-Match names another version (the file changed between a reader's requests), else 200.
 */
export async function rangeResponse(
	request: Request,
	source: RangeSource,
	headers: Record<string, string>
): Promise<Response> {
	const common = { ...headers, ETag: source.etag, 'Accept-Ranges': 'bytes' };
	const ifMatch = request.headers.get('If-Match');
	if (ifMatch && ifMatch.trim() !== '*' && !ifMatch.split(',').some((t) => t.trim() === source.etag)) {
		return new Response(null, { status: 412, headers: common });
	}
	const range = parseRange(request.headers.get('Range'), source.size);
	if (range === undefined) {
		const ifNoneMatch = request.headers.get('If-None-Match');
		if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === source.etag)) {
			return new Response(null, { status: 304, headers: common });
		}
		return new Response(await source.read(0, source.size - 1), {
			status: 200,
			headers: { ...common, 'Content-Length': String(source.size) }
		});
	}
	if (range === 'unsatisfiable') {
		return new Response(null, {
			status: 416,
			headers: { ...common, 'Content-Range': `bytes */${source.size}` }
		});
	}
	const [start, end] = range;
	return new Response(await source.read(start, end), {
		status: 206,
		headers: {
			...common,
			'Content-Range': `bytes ${start}-${end}/${source.size}`,
			'Content-Length': String(end - start + 1)
		}
	});
}
