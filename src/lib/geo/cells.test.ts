import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellsMeetingCircle } from './cells';
import { isInsideRadius } from './distance';
import { encodeGeohash } from './geohash';

describe('cellsMeetingCircle', () => {
	it('holds the cell of every region inside the circle', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -60, max: 60, noNaN: true }),
				fc.double({ min: -179, max: 179, noNaN: true }),
				fc.double({ min: 1, max: 500, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
				(lat, lon, radiusKm, fraction, bearing) => {
					// A region somewhere inside the circle, measured to its cell centre as the push rule does.
					const distanceDeg = (radiusKm * fraction) / 111.2;
					const region = encodeGeohash(
						Math.max(-89, Math.min(89, lat + distanceDeg * Math.cos(bearing))),
						((lon + distanceDeg * Math.sin(bearing) + 540) % 360) - 180,
						5
					);
					if (!isInsideRadius({ lat, lon }, radiusKm, region)) return;
					expect(cellsMeetingCircle({ lat, lon }, radiusKm)).toContain(region.slice(0, 3));
				}
			),
			{ numRuns: 300 }
		);
	});

	it('gives a few sorted cells for a 100 km circle around Shanghai and none far away', () => {
		const cells = cellsMeetingCircle({ lat: 31.23, lon: 121.47 }, 100);
		expect(cells).toContain('wtw');
		expect(cells).not.toContain('wx4');
		expect([...cells].sort()).toEqual(cells);
		expect(cells.length).toBeGreaterThan(1);
		expect(cells.length).toBeLessThan(12);
	});
});
