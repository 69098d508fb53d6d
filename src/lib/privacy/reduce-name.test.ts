import { describe, expect, it } from 'vitest';
import { COMPOUND_SURNAMES, reduceName } from './reduce-name';

describe('reduceName', () => {
	it.each([
		['王浩然', '王某'],
		['李娜', '李某'],
		['欧阳娜娜', '欧阳某'],
		['司马光', '司马某'],
		['诸葛亮', '诸葛某'],
		['上官婉儿', '上官某'],
		['欧小明', '欧某'],
		['王浩然（示例）', '王某'],
		['  张伟 ', '张某'],
		['王', '王某']
	])('%s → %s', (name, reduced) => expect(reduceName(name)).toBe(reduced));

	it.each([
		['Emma Thompson', 'E.'],
		['emma', 'E.'],
		['Åsa Berg', 'Å.'],
		['  O’Brien', 'O.']
	])('a Latin-script name keeps its initial: %s → %s', (name, reduced) =>
		expect(reduceName(name)).toBe(reduced)
	);

	it('never returns any part of the given name beyond the surname', () => {
		for (const name of ['王浩然', '欧阳娜娜', 'Emma Thompson', '周小可']) {
			const reduced = reduceName(name);
			const given = name.includes(' ') ? name.split(' ')[1]! : name.slice(reduced.length - 1);
			expect(reduced.includes(given)).toBe(false);
		}
	});

	it('knows only two-character compound surnames', () => {
		expect([...COMPOUND_SURNAMES].every((s) => [...s].length === 2)).toBe(true);
		expect(COMPOUND_SURNAMES.has('欧阳')).toBe(true);
	});

	it('reduces a name with no letters to 某 alone', () => {
		expect(reduceName('  ')).toBe('某');
	});
});
