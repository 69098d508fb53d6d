import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covering, decodeGeohash, distanceToCellKm, encodeGeohash, haversineKm } from '../../src/lib/geo';
import { COVERING_START as START } from '../../functions/db/recipients';
import { selectPage, type Audience } from '../../functions/fanout/select';

interface Device {
	id: string;
	regions: string[];
	officer: boolean;
}

async function store(devices: Device[]): Promise<void> {
	await env.DB.exec('DELETE FROM subscription_regions');
	const insert = env.DB.prepare(
		`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, created_at, updated_at)
		 VALUES (?, ?, ?, 'k', 'a', 'zh-CN', ?, ?, '', '') ON CONFLICT DO NOTHING`
	);
	const statements = devices.flatMap((d) =>
		[...new Set(d.regions)].map((g) =>
			insert.bind(
				g,
				d.id,
				`https://fcm.googleapis.com/${d.id}`,
				[...new Set(d.regions)].join(','),
				d.officer ? 'officer-1' : null
			)
		)
	);
	for (let i = 0; i < statements.length; i += 200) await env.DB.batch(statements.slice(i, i + 200));
}

/** What the selection must equal: every device with a region inside, and (for a ring) none inside the inner circle. */
function bruteForce(devices: Device[], audience: Audience): string[] {
	const centre = { lat: audience.lat, lon: audience.lon };
	return devices
		.filter((d) => !audience.officersOnly || d.officer)
		.filter((d) => d.regions.some((g) => distanceToCellKm(centre, g) <= audience.radiusKm))
		.filter(
			(d) =>
				!(
					audience.innerRadiusKm > 0 &&
					d.regions.some((g) => distanceToCellKm(centre, g) <= audience.innerRadiusKm)
				)
		)
		.map((d) => d.id)
		.sort();
}

async function selectAll(audience: Audience, pageSize: number): Promise<{ ids: string[]; rowsRead: number }> {
	const { ranges } = covering(audience, audience.radiusKm);
	const ids: string[] = [];
	let cursor = START as typeof START | null;
	let rowsRead = 0;
	while (cursor) {
		const page = await selectPage(env.DB, ranges, cursor, audience, pageSize);
		ids.push(...page.recipients.map((r) => r.id));
		rowsRead += page.rowsRead;
		cursor = page.next;
	}
	return { ids: ids.sort(), rowsRead };
}

/** A cell whose centre is at `km` (±) from the centre, in a random direction. */
function cellAt(centre: { lat: number; lon: number }, km: number, bearing: number): string {
	const d = km / 6371.0088;
	const [lat1, lon1, b] = [(centre.lat * Math.PI) / 180, (centre.lon * Math.PI) / 180, bearing];
	const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
	const lon2 =
		lon1 +
		Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
	return encodeGeohash((lat2 * 180) / Math.PI, (((lon2 * 180) / Math.PI + 540) % 360) - 180, 5);
}

const deviceArbitrary = (centre: { lat: number; lon: number }, spreadKm: number) =>
	fc
		.record({
			regions: fc.array(
				fc.tuple(
					fc.double({ min: 0, max: spreadKm, noNaN: true }),
					fc.double({ min: 0, max: 2 * Math.PI, noNaN: true })
				),
				{ minLength: 1, maxLength: 3 }
			),
			officer: fc.boolean()
		})
		.map((d) => ({
			regions: d.regions.map(([km, bearing]) => cellAt(centre, km, bearing)),
			officer: d.officer
		}));

describe('selection (covering → range scans → exact rule)', () => {
	it('equals a brute-force scan: dense and sparse data, latitudes 0–60°, devices with 1–3 regions', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.double({ min: 0, max: 60, noNaN: true }),
				fc.double({ min: 70, max: 135, noNaN: true }),
				fc.double({ min: 5, max: 250, noNaN: true }),
				fc.constantFrom(20, 400),
				fc.boolean(),
				fc.integer({ min: 7, max: 150 }),
				async (lat, lon, radiusKm, spreadFactor, ring, pageSize) => {
					const centre = { lat, lon };
					const devices = fc
						.sample(deviceArbitrary(centre, radiusKm * (spreadFactor / 100)), 250)
						.map((d, i) => ({ ...d, id: `d${String(i).padStart(4, '0')}` }));
					await store(devices);
					const audience: Audience = {
						lat,
						lon,
						radiusKm,
						innerRadiusKm: ring ? radiusKm / 2 : 0,
						officersOnly: false
					};
					const { ids } = await selectAll(audience, pageSize);
					expect(ids).toEqual(bruteForce(devices, audience));
					expect(new Set(ids).size).toBe(ids.length); // one message per device
				}
			),
			{ numRuns: 12 }
		);
	});

	it('includes a cell centre at exactly the radius and excludes one just beyond', async () => {
		const centre = { lat: 31.2304, lon: 121.4737 };
		const cell = cellAt(centre, 100, 1.0);
		const exact = haversineKm(centre, decodeGeohash(cell));
		await store([{ id: 'edge', regions: [cell], officer: false }]);
		expect(
			(await selectAll({ ...centre, radiusKm: exact, innerRadiusKm: 0, officersOnly: false }, 50)).ids
		).toEqual(['edge']);
		expect(
			(await selectAll({ ...centre, radiusKm: exact - 1e-6, innerRadiusKm: 0, officersOnly: false }, 50)).ids
		).toEqual([]);
	});

	it('sends an exercise only to officers’ devices', async () => {
		const centre = { lat: 30.59, lon: 114.3 };
		await store([
			{ id: 'public', regions: [cellAt(centre, 10, 0)], officer: false },
			{ id: 'officer', regions: [cellAt(centre, 10, 1)], officer: true }
		]);
		expect(
			(await selectAll({ ...centre, radiusKm: 50, innerRadiusKm: 0, officersOnly: true }, 50)).ids
		).toEqual(['officer']);
	});

	it('reads few rows beyond those it selects', async () => {
		const centre = { lat: 39.9, lon: 116.4 };
		const devices = fc
			.sample(deviceArbitrary(centre, 130), 600)
			.map((d, i) => ({ ...d, regions: d.regions.slice(0, 1), id: `r${i}` }));
		await store(devices);
		const { ids, rowsRead } = await selectAll(
			{ ...centre, radiusKm: 100, innerRadiusKm: 0, officersOnly: false },
			100
		);
		const inside = devices.filter((d) => distanceToCellKm(centre, d.regions[0]!) <= 100).length;
		expect(ids.length).toBe(inside);
		expect(rowsRead / inside).toBeLessThan(1.25);
	});
});
