// Land and country borders from Natural Earth 1:10m (npm `world-atlas`, public domain) as GeoJSON for tiling. The
// arcs are simplified once in the topology, so land edges and borders stay identical where they meet.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';

const require = createRequire(import.meta.url);

/** Douglas–Peucker tolerance in degrees: ≈ 300 m, about Natural Earth 1:10m's own accuracy; tiling simplifies further. */
const TOLERANCE = 0.003;
/** Decimal places kept: 0.0001° ≈ 11 m, finer than the source. */
const DECIMALS = 4;

/** Undoes TopoJSON's quantisation and delta encoding so arcs can be simplified in degrees. */
function decodeArcs(topology) {
	const t = topology.transform;
	if (!t) return topology.arcs.map((arc) => arc.map((p) => [p[0], p[1]]));
	const [sx, sy] = t.scale;
	const [tx, ty] = t.translate;
	return topology.arcs.map((arc) => {
		let x = 0;
		let y = 0;
		return arc.map((p) => {
			x += p[0];
			y += p[1];
			return [x * sx + tx, y * sy + ty];
		});
	});
}

function segmentDistance(p, a, b) {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const len2 = dx * dx + dy * dy;
	const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
	return Math.hypot(p[0] - (a[0] + u * dx), p[1] - (a[1] + u * dy));
}

/** Iterative Douglas–Peucker; always keeps the end points, so arcs still join up in the topology. */
function simplify(points, tolerance) {
	if (points.length <= 2) return points;
	const keep = new Uint8Array(points.length);
	keep[0] = keep[points.length - 1] = 1;
	// A closed arc (an island) has coincident ends: split it at its farthest point first.
	const stack = [];
	const first = points[0];
	const last = points[points.length - 1];
	if (first[0] === last[0] && first[1] === last[1]) {
		let far = 1;
		let best = -1;
		for (let i = 1; i < points.length - 1; i++) {
			const d = Math.hypot(points[i][0] - first[0], points[i][1] - first[1]);
			if (d > best) [best, far] = [d, i];
		}
		keep[far] = 1;
		stack.push([0, far], [far, points.length - 1]);
	} else {
		stack.push([0, points.length - 1]);
	}
	while (stack.length) {
		const [i, j] = stack.pop();
		let index = -1;
		let max = tolerance;
		for (let k = i + 1; k < j; k++) {
			const d = segmentDistance(points[k], points[i], points[j]);
			if (d > max) [max, index] = [d, k];
		}
		if (index >= 0) {
			keep[index] = 1;
			stack.push([i, index], [index, j]);
		}
	}
	return points.filter((_, i) => keep[i]);
}

const round = (v) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;

function roundLine(line) {
	const out = [];
	for (const [x, y] of line) {
		const p = [round(x), round(y)];
		const prev = out[out.length - 1];
		if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
	}
	return out;
}

/**
 * The merged land outlines jump from +180 to -180 where they cross the antimeridian, which a flat map draws as
 * a line across the whole world. Keeping longitudes continuous instead (Chukotka at 180–190°) lets MapLibre draw
 * that part on the neighbouring world copy. A ring that then goes once around a pole (Antarctica) is closed
 * through that pole.
 */
function unwrapRing(ring) {
	const out = [ring[0]];
	for (let i = 1; i < ring.length; i++) {
		const prev = out[i - 1][0];
		let lon = ring[i][0];
		while (lon - prev > 180) lon -= 360;
		while (lon - prev < -180) lon += 360;
		out.push([lon, ring[i][1]]);
	}
	const first = out[0];
	const last = out[out.length - 1];
	const span = last[0] - first[0];
	if (Math.abs(span) > 180) {
		const pole = out.reduce((sum, p) => sum + p[1], 0) > 0 ? 90 : -90;
		out.push([last[0], pole], [first[0], pole], first);
	}
	return out;
}

/** Rounds a geometry's coordinates and drops rings that collapsed to nothing. */
function cleanGeometry(geometry) {
	if (!geometry) return null;
	const ring = (r) => {
		const out = roundLine(unwrapRing(r));
		return out.length >= 4 ? out : null;
	};
	const polygon = (rings) => {
		const outer = ring(rings[0]);
		if (!outer) return null;
		return [outer, ...rings.slice(1).map(ring).filter(Boolean)];
	};
	switch (geometry.type) {
		case 'Polygon': {
			const p = polygon(geometry.coordinates);
			return p && { type: 'Polygon', coordinates: p };
		}
		case 'MultiPolygon': {
			const ps = geometry.coordinates.map(polygon).filter(Boolean);
			return ps.length ? { type: 'MultiPolygon', coordinates: ps } : null;
		}
		case 'MultiLineString': {
			const ls = geometry.coordinates.map(roundLine).filter((l) => l.length >= 2);
			return ls.length ? { type: 'MultiLineString', coordinates: ls } : null;
		}
		default:
			throw new Error(`unexpected geometry ${geometry.type}`);
	}
}

function collection(features) {
	return { type: 'FeatureCollection', features };
}

function loadSimplified(file) {
	const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8'));
	const arcs = decodeArcs(topology).map((arc) => simplify(arc, TOLERANCE));
	return { ...topology, arcs, transform: undefined };
}

/** `{ land, borders }`: FeatureCollections; borders are the arcs two countries share (coasts come from land). */
export function loadOutlines() {
	const topology = loadSimplified('countries-10m.json');
	const land = feature(topology, topology.objects.land);
	const landOut = collection(
		(land.type === 'FeatureCollection' ? land.features : [land])
			.map((f) => ({ type: 'Feature', properties: {}, geometry: cleanGeometry(f.geometry) }))
			.filter((f) => f.geometry)
	);
	const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
	const bordersOut = collection([{ type: 'Feature', properties: {}, geometry: cleanGeometry(borders) }]);
	return { land: landOut, borders: bordersOut };
}
