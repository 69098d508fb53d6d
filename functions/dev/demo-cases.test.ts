import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CASES } from './demo-cases';

/** What a demo drawing's own label says it shows (static/demo/child-N.svg, aria-label). */
function drawingLabel(picture: number): string {
	const svg = readFileSync(new URL(`../../static/demo/child-${picture}.svg`, import.meta.url), 'utf8');
	return /aria-label="([^"]*)"/.exec(svg)?.[1] ?? '';
}

describe('demo cases', () => {
	it('give a girl a drawing of a girl and a boy a drawing of a boy', () => {
		for (const demo of DEMO_CASES) {
			const label = drawingLabel(demo.picture);
			if (demo.sex === 'female') expect(label, demo.childName).not.toMatch(/\bboy\b/);
			if (demo.sex === 'male') expect(label, demo.childName).not.toMatch(/\bgirl\b/);
		}
	});

	it('show 李小雨 with the pigtails and 王浩然 with short hair', () => {
		const drawing = (name: string) =>
			drawingLabel(DEMO_CASES.find((c) => c.childName.startsWith(name))!.picture);
		expect(drawing('李小雨')).toMatch(/girl with pigtails/);
		expect(drawing('王浩然')).toMatch(/boy with short hair/);
	});
});
