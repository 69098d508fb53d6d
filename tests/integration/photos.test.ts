import { describe, expect, it } from 'vitest';
import { inspectImage } from '../../functions/images/inspect';
import { errorOf } from './helpers/requests';
import { DRAFT, login, ORIGIN, policeFetch } from './helpers/police';
import { SELF } from 'cloudflare:test';

const GPS = new TextEncoder().encode('Exif\0\0GPSLatitude 39.9042 N GPSLongitude 116.4074 E');

function segment(marker: number, payload: Uint8Array): Uint8Array {
	const out = new Uint8Array(4 + payload.length);
	out.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
	out.set(payload, 4);
	return out;
}

function join(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** A structurally complete JPEG (markers as a decoder reads them) of 640 × 480 with EXIF, XMP and a comment. */
function jpegWithMetadata(width = 640, height = 480): Uint8Array<ArrayBuffer> {
	const sof = new Uint8Array([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
	return join(
		new Uint8Array([0xff, 0xd8]),
		segment(0xe0, new TextEncoder().encode('JFIF\0\x01\x01\0\0\x01\0\x01\0\0')),
		segment(0xe1, GPS),
		segment(
			0xe1,
			new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>home address</x:xmpmeta>')
		),
		segment(0xfe, new TextEncoder().encode('taken at 12 Example Road')),
		segment(0xdb, new Uint8Array(65)),
		segment(0xc0, sof),
		segment(0xc4, new Uint8Array(20)),
		segment(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])),
		new Uint8Array([0x12, 0x34, 0x56, 0xff, 0xd9])
	);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	new DataView(out.buffer).setUint32(0, data.length);
	out.set(new TextEncoder().encode(type), 4);
	out.set(data, 8);
	return out; // CRC left zero: the server copies chunks, it does not decode them
}

function pngWithMetadata(): Uint8Array<ArrayBuffer> {
	const ihdr = new Uint8Array(13);
	new DataView(ihdr.buffer).setUint32(0, 200);
	new DataView(ihdr.buffer).setUint32(4, 300);
	return join(
		new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('eXIf', GPS),
		pngChunk('tEXt', new TextEncoder().encode('Comment\0home')),
		pngChunk('IDAT', new Uint8Array(10)),
		pngChunk('IEND', new Uint8Array())
	);
}

function has(bytes: Uint8Array, text: string): boolean {
	return new TextDecoder('latin1').decode(bytes).includes(text);
}

async function upload(
	cookie: string,
	id: string,
	body: Uint8Array<ArrayBuffer>,
	type: string
): Promise<Response> {
	return SELF.fetch(`${ORIGIN}/api/police/cases/${id}/photo`, {
		method: 'PUT',
		headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': type },
		body
	});
}

describe('case photos', () => {
	it.each([
		['JPEG', jpegWithMetadata(), 'image/jpeg', 640, 480],
		['PNG', pngWithMetadata(), 'image/png', 200, 300]
	])(
		'strips every metadata block from a %s and serves it back clean',
		async (_name, image, type, width, height) => {
			const officer = await login('demo-officer');
			const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', DRAFT)).json()) as {
				id: string;
			};
			expect(has(image, 'GPSLatitude')).toBe(true);
			const response = await upload(officer, id, image, type);
			expect(response.status).toBe(200);
			const { photoUrl, version } = (await response.json()) as { photoUrl: string; version: number };
			expect(version).toBe(2);
			// A draft's photo is for police until the case is published (issue 18); the console reads it signed in.
			const served = new Uint8Array(await (await policeFetch(officer, 'GET', photoUrl)).arrayBuffer());
			for (const secret of ['GPSLatitude', 'xmpmeta', 'Example Road', 'Comment'])
				expect(has(served, secret), secret).toBe(false);
			expect(inspectImage(served)).toEqual({ type, width, height });
			const view = (await (await policeFetch(officer, 'GET', `/api/police/cases/${id}`)).json()) as {
				photoUrl: string;
			};
			expect(view.photoUrl).toBe(photoUrl);
		}
	);

	it('checks type by magic bytes, size and dimensions', async () => {
		const officer = await login('demo-officer');
		const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', DRAFT)).json()) as {
			id: string;
		};
		const lying = await upload(officer, id, pngWithMetadata(), 'image/jpeg');
		expect(lying.status).toBe(400);
		expect((await errorOf(lying)).field).toBe('photo');
		expect(
			(
				await upload(
					officer,
					id,
					new TextEncoder().encode('<svg/>') as Uint8Array<ArrayBuffer>,
					'image/svg+xml'
				)
			).status
		).toBe(415);
		expect((await upload(officer, id, jpegWithMetadata(4000, 3000), 'image/jpeg')).status).toBe(400);
		const huge = new Uint8Array(5 * 1024 * 1024 + 1);
		huge.set(jpegWithMetadata());
		expect((await upload(officer, id, huge, 'image/jpeg')).status).toBe(413);
	});
});

describe('images built to slip past the checks (issue 13)', () => {
	it('serves a JPEG with a second image appended (Exif and GPS inside) as the first image alone', async () => {
		const officer = await login('demo-officer');
		const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', DRAFT)).json()) as {
			id: string;
		};
		// The multi-picture layout phones write: the second image keeps its own Exif with the position.
		const appended = join(jpegWithMetadata(), jpegWithMetadata(320, 240));
		const response = await upload(officer, id, appended, 'image/jpeg');
		expect(response.status).toBe(200);
		const { photoUrl } = (await response.json()) as { photoUrl: string };
		// A draft's photo is for police until the case is published (issue 18); the console reads it signed in.
		const served = new Uint8Array(await (await policeFetch(officer, 'GET', photoUrl)).arrayBuffer());
		for (const secret of ['Exif', 'GPSLatitude', 'xmpmeta', 'Example Road'])
			expect(has(served, secret), secret).toBe(false);
		expect(served.subarray(-2)).toEqual(new Uint8Array([0xff, 0xd9]));
		expect(served.indexOf(0xd8, 2)).toBe(-1); // no second SOI
		expect(inspectImage(served)).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
	});

	it('refuses a decompression bomb: a 20000 px frame behind a fill byte, or a PNG with a huge IHDR', async () => {
		const officer = await login('demo-officer');
		const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', DRAFT)).json()) as {
			id: string;
		};
		// SOI, a fill byte, a comment FE 00 02 that an off-by-one walk reads as a 65,024-byte segment ending on a
		// fake 100 × 100 frame placed after the image.
		const real = join(
			new Uint8Array([0xff, 0xd8, 0xff]),
			segment(0xfe, new Uint8Array()),
			segment(0xc0, new Uint8Array([8, 0x4e, 0x20, 0x4e, 0x20, 1, 1, 0x11, 0])),
			segment(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])),
			new Uint8Array([0x12, 0xff, 0xd9])
		);
		const bomb = new Uint8Array(2 + 2 + 0xfe00 + 32);
		bomb.set(real);
		bomb.set(
			join(
				segment(0xc0, new Uint8Array([8, 0, 100, 0, 100, 1, 1, 0x11, 0])),
				segment(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])),
				new Uint8Array([0xff, 0xd9])
			),
			2 + 2 + 0xfe00
		);
		const jpeg = await upload(officer, id, bomb, 'image/jpeg');
		expect(jpeg.status).toBe(400);
		expect(await errorOf(jpeg)).toMatchObject({ code: 'validation_failed', field: 'photo' });

		const png = pngWithMetadata();
		new DataView(png.buffer).setUint32(16, 100_000);
		new DataView(png.buffer).setUint32(20, 100_000);
		const huge = await upload(officer, id, png, 'image/png');
		expect(huge.status).toBe(400);
		expect(await errorOf(huge)).toMatchObject({ code: 'validation_failed', field: 'photo' });
		const view = (await (await policeFetch(officer, 'GET', `/api/police/cases/${id}`)).json()) as {
			photoUrl: string | null;
		};
		expect(view.photoUrl).toBeNull();
	});
});

describe('updates after publication', () => {
	it('replace the photo of a published case without unpublishing it, and report sightings on the case page', async () => {
		const officer = await login('demo-officer');
		const approver = await login('demo-approver');
		const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', DRAFT)).json()) as {
			id: string;
		};
		const { version } = (await (
			await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {})
		).json()) as {
			version: number;
		};
		await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});

		const replaced = await upload(officer, id, jpegWithMetadata(), 'image/jpeg');
		expect(replaced.status).toBe(200);
		const { photoUrl } = (await replaced.json()) as { photoUrl: string };
		const publicCase = async () =>
			(await (await SELF.fetch(`${ORIGIN}/api/cases/${id}`)).json()) as {
				status: string;
				photoUrl: string;
				updates: { text: string; sighting?: Record<string, unknown> }[];
			};
		expect(await publicCase()).toMatchObject({ status: 'published', photoUrl });
		// A second replacement keeps the first photo: alerts already on phones still point at it.
		const again = await upload(officer, id, jpegWithMetadata(800, 600), 'image/jpeg');
		expect(again.status).toBe(200);
		expect(((await again.json()) as { photoUrl: string }).photoUrl).not.toBe(photoUrl);
		expect((await SELF.fetch(`${ORIGIN}${photoUrl}`)).status).toBe(200);

		const sighting = {
			lat: 31.3,
			lon: 121.5,
			placeName: '上海火车站',
			seenAt: new Date(Date.now() - 600_000).toISOString()
		};
		const future = await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, {
			text: '有人看到孩子',
			sighting: { ...sighting, seenAt: new Date(Date.now() + 3600_000).toISOString() }
		});
		expect(future.status).toBe(400);
		expect((await errorOf(future)).field).toBe('sighting.seenAt');
		const reported = await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, {
			text: '有人在火车站看到孩子',
			sighting
		});
		expect(reported.status).toBe(201);
		const { updates } = await publicCase();
		expect(updates).toHaveLength(1);
		expect(updates[0]).toMatchObject({ text: '有人在火车站看到孩子', sighting });
	});
});
