import type { UnitArea } from '../../src/lib/schemas/units';
import { areaCovers } from './area';

/** A unit as the policy sees it: plain values, no database. */
export interface UnitNode {
	id: string;
	code: string | null;
	name: string;
	parentId: string | null;
	area: UnitArea;
	/** null = no limit of its own (the ministry). */
	maxRadiusKm: number | null;
	disabled: boolean;
}

export type UnitTree = ReadonlyMap<string, UnitNode>;

export function unitTree(units: readonly UnitNode[]): UnitTree {
	return new Map(units.map((unit) => [unit.id, unit]));
}

/** The unit and every unit above it, nearest first; stops at a missing parent or a loop. */
export function lineage(tree: UnitTree, unitId: string): UnitNode[] {
	const chain: UnitNode[] = [];
	for (let unit = tree.get(unitId); unit && !chain.includes(unit); unit = tree.get(unit.parentId ?? '')) {
		chain.push(unit);
	}
	return chain;
}

/** Whether `unitId` is `ancestorId` or lies below it. */
export function isWithin(tree: UnitTree, unitId: string, ancestorId: string): boolean {
	return lineage(tree, unitId).some((unit) => unit.id === ancestorId);
}

/** Every unit id at or below `unitId` (what a user of that unit sees). */
export function subtreeIds(tree: UnitTree, unitId: string): string[] {
	return [...tree.keys()].filter((id) => isWithin(tree, id, unitId));
}

/** The deepest enabled unit whose area holds the point: the one a refused officer is told to ask. */
export function coveringUnit(tree: UnitTree, lat: number, lon: number): UnitNode | null {
	let best: UnitNode | null = null;
	let bestDepth = -1;
	for (const unit of tree.values()) {
		if (unit.disabled || !areaCovers(unit.area, lat, lon)) continue;
		const depth = lineage(tree, unit.id).length;
		if (depth > bestDepth || (depth === bestDepth && best !== null && unit.id < best.id)) {
			best = unit;
			bestDepth = depth;
		}
	}
	return best;
}

/** How far a unit may alert on its own. */
export function radiusLimit(unit: UnitNode): number {
	return unit.maxRadiusKm ?? Number.POSITIVE_INFINITY;
}
