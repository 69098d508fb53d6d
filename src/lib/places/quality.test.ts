import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { haversineKm } from '../geo/distance';
import { parseGazetteer } from './gazetteer';
import { QUALITY_TABLE } from './quality-table';
import { searchPlaces } from './search';

// The built gazetteer (npm run test:unit builds it first): the same text the Worker bundles and phones load.
const entries = [
	...parseGazetteer(readFileSync('static/places/cn.txt', 'utf8')),
	...parseGazetteer(readFileSync('static/places/world.txt', 'utf8'))
];

test('the search-quality table: each place within its distance in the first five answers, ≥ 95 %', () => {
	expect(QUALITY_TABLE.length).toBeGreaterThanOrEqual(150);
	const misses: string[] = [];
	for (const [query, lat, lon, km, near] of QUALITY_TABLE) {
		const found = searchPlaces(entries, query, {
			limit: 5,
			near: near ? { lat: near[0], lon: near[1] } : null
		});
		const best = Math.min(...found.map((e) => haversineKm(e, { lat, lon })));
		if (!(best <= km)) misses.push(`${query}: nearest of ${found.length} answers ${best.toFixed(0)} km away`);
	}
	const hits = QUALITY_TABLE.length - misses.length;
	console.log(
		`places search quality: ${hits}/${QUALITY_TABLE.length} (${((100 * hits) / QUALITY_TABLE.length).toFixed(1)} %)`
	);
	if (misses.length) console.log('misses:\n  ' + misses.join('\n  '));
	expect(hits / QUALITY_TABLE.length).toBeGreaterThanOrEqual(0.95);
});
