// The Worker's gazetteer: the built text (functions/places/data/gazetteer.js, bundled into the Worker) parsed
// once per isolate, on the first query. Measured (scripts/bench-places.mjs): the index lives in the Worker
// because a scan of ~70,000 entries answers well under the 50 ms budget, with no D1 or R2 round trip.
import { parseGazetteer, type Entry } from '../../src/lib/places/gazetteer';
import { reversePlace, searchPlaces, type SearchOptions } from '../../src/lib/places/search';
import { toPlace } from '../../src/lib/places/to-place';
import type { Place } from '../../src/lib/schemas';
import { cn, world } from './data/gazetteer.js';

let entries: Entry[] | null = null;

function gazetteer(): Entry[] {
	entries ??= [...parseGazetteer(cn), ...parseGazetteer(world)];
	return entries;
}

export function findPlaces(q: string, options: SearchOptions): Place[] {
	return searchPlaces(gazetteer(), q, options).map(toPlace);
}

export function placeAt(point: { lat: number; lon: number }): Place | null {
	const entry = reversePlace(gazetteer(), point);
	return entry ? toPlace(entry) : null;
}
