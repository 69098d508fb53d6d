import type { Unit } from '../../schemas';

export interface OutlineRow {
	unit: Unit;
	/** 0 for the root of the outline, 1 for its children, … */
	depth: number;
}

/**
 * The units at or below `rootId`, depth-first, children by name: the admin's tree and the picker's options.
 * A unit never appears twice, so a loop in the data cannot hang the console.
 */
export function unitOutline(units: readonly Unit[], rootId: string): OutlineRow[] {
	const children = new Map<string, Unit[]>();
	for (const unit of units) {
		if (unit.parentId === null) continue;
		children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
	}
	const rows: OutlineRow[] = [];
	const seen = new Set<string>();
	const visit = (unit: Unit, depth: number) => {
		if (seen.has(unit.id)) return;
		seen.add(unit.id);
		rows.push({ unit, depth });
		const below = [...(children.get(unit.id) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
		for (const child of below) visit(child, depth + 1);
	};
	const root = units.find((unit) => unit.id === rootId);
	if (root) visit(root, 0);
	return rows;
}

/** Whether a unit or any unit above it is disabled: its users cannot sign in (API.md "Police units"). */
export function unitShutOut(units: readonly Unit[], unitId: string): boolean {
	const byId = new Map(units.map((unit) => [unit.id, unit]));
	const seen = new Set<string>();
	for (let unit = byId.get(unitId); unit && !seen.has(unit.id); unit = byId.get(unit.parentId ?? '')) {
		if (unit.disabled) return true;
		seen.add(unit.id);
	}
	return false;
}

/** How `?unit=` names a unit: its GB/T 2260 code, or its id when it has none (the API takes either). */
export function unitKey(unit: Pick<Unit, 'id' | 'code'>): string {
	return unit.code ?? unit.id;
}

/** `path` with the page's `?unit=` kept, so a link from a narrowed view stays in the chosen unit. */
export function withUnit(path: string, url: URL): string {
	const unit = url.searchParams.get('unit');
	if (!unit) return path;
	return `${path}${path.includes('?') ? '&' : '?'}unit=${encodeURIComponent(unit)}`;
}
