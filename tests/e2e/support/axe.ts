import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 A/AA rules that can be checked by machine: labels, names, contrast, landmarks, lang. */
export async function expectNoAxeViolations(page: Page, within?: string): Promise<void> {
	const builder = new AxeBuilder({ page });
	if (within) builder.include(within);
	const results = await builder
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		// MapLibre's canvas is an interactive map, described by the container's label; its internals are the library's.
		.exclude('.maplibregl-canvas-container')
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}
