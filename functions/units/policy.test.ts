import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../db/users';
import {
	mayActOnCase,
	mayApprove,
	mayCreateUnitUnder,
	mayDraftAt,
	mayGovernPlatform,
	mayHandOver,
	mayManageUnit,
	mayManageUser,
	mayReadUnitRecords,
	type Actor,
	type CaseUnits
} from './policy';
import { unitTree, type UnitNode } from './tree';

// The model below restates API.md "Police units" by brute force: descendants found by walking children down from
// a unit, a separate great-circle formula, ranks written out. The policy walks parents up; they must agree.

const ROLES: Role[] = ['officer', 'approver', 'admin'];
const RANK = { officer: 1, approver: 2, admin: 3 } as const;

function modelKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const cos =
		Math.sin(a.lat * rad) * Math.sin(b.lat * rad) +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((a.lon - b.lon) * rad);
	return 6371.0088 * Math.acos(Math.min(1, Math.max(-1, cos)));
}

function build(units: UnitNode[]) {
	const byId = new Map(units.map((u) => [u.id, u]));
	const below = (id: string): Set<string> => {
		const found = new Set([id]);
		for (const child of units.filter((u) => u.parentId === id)) for (const d of below(child.id)) found.add(d);
		return found;
	};
	const path = (id: string): UnitNode[] => {
		const out: UnitNode[] = [];
		for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) out.push(u);
		return out;
	};
	const dead = (id: string) => path(id).some((u) => u.disabled);
	const limit = (id: string) => byId.get(id)!.maxRadiusKm ?? Infinity;
	const covers = (id: string, p: { lat: number; lon: number }) => {
		const area = byId.get(id)!.area;
		// Slack of a metre either side of a circle's edge: the two formulas may round differently there.
		const circle = (area.circles ?? []).some((c) => modelKm(c, p) <= c.radiusKm);
		const country =
			(area.divisions ?? []).includes('100000') &&
			p.lat >= 3.8 &&
			p.lat <= 53.6 &&
			p.lon >= 73.4 &&
			p.lon <= 135.1;
		return circle || country;
	};
	return { byId, below, path, dead, limit, covers };
}

const point = fc.record({
	lat: fc.double({ min: 20, max: 40, noNaN: true }),
	lon: fc.double({ min: 100, max: 125, noNaN: true })
});

const world = fc.integer({ min: 1, max: 8 }).chain((n) =>
	fc.record({
		parents: fc.tuple(
			...Array.from({ length: n }, (_, i) => fc.integer({ min: 0, max: Math.max(0, i - 1) }))
		),
		limits: fc.array(fc.constantFrom(null, 100, 300, 500), { minLength: n, maxLength: n }),
		disabled: fc.array(
			fc.integer({ min: 0, max: 9 }).map((d) => d < 2),
			{ minLength: n, maxLength: n }
		),
		areas: fc.array(
			fc.oneof(
				fc
					.array(
						fc.record({
							lat: point.map((p) => p.lat),
							lon: point.map((p) => p.lon),
							radiusKm: fc.integer({ min: 50, max: 900 })
						}),
						{
							minLength: 1,
							maxLength: 2
						}
					)
					.map((circles) => ({ circles })),
				fc.constant({ divisions: ['100000'] as string[] })
			),
			{ minLength: n, maxLength: n }
		),
		actorUnit: fc.integer({ min: 0, max: n - 1 }),
		role: fc.constantFrom(...ROLES),
		caseUnit: fc.integer({ min: 0, max: n - 1 }),
		prior: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null }),
		other: fc.integer({ min: 0, max: n - 1 }),
		point,
		radiusKm: fc.constantFrom(50, 100, 300, 400, 500, 800)
	})
);

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function setUp(w: World) {
	const units: UnitNode[] = w.parents.map((parent, i) => ({
		id: `u${i}`,
		code: null,
		name: `unit ${i}`,
		parentId: i === 0 ? null : `u${parent}`,
		area: w.areas[i]!,
		maxRadiusKm: w.limits[i]!,
		disabled: w.disabled[i]!
	}));
	const actor: Actor = { unitId: `u${w.actorUnit}`, role: w.role };
	const owner: CaseUnits = { unitId: `u${w.caseUnit}`, priorUnitId: w.prior === null ? null : `u${w.prior}` };
	return { tree: unitTree(units), m: build(units), actor, owner, other: `u${w.other}` };
}

const runs = { numRuns: 600 };

describe('unit policy against a brute-force model of random trees', () => {
	it('drafting: exactly where the officer’s own unit’s area holds the point; a refusal names a covering unit', () => {
		fc.assert(
			fc.property(world, (w) => {
				const { tree, m, actor } = setUp(w);
				const decision = mayDraftAt(tree, actor, w.point);
				expect(decision.allowed).toBe(!m.dead(actor.unitId) && m.covers(actor.unitId, w.point));
				if (!decision.allowed && decision.reason === 'outside_jurisdiction') {
					// The unit named is the deepest enabled one whose area holds the point (none: no unit covers it).
					const candidates = [...m.byId.values()].filter((u) => !u.disabled && m.covers(u.id, w.point));
					const deepest = Math.max(-1, ...candidates.map((u) => m.path(u.id).length));
					expect(decision.unit ? m.path(decision.unit.id).length : -1).toBe(deepest);
					if (decision.unit) expect(m.covers(decision.unit.id, w.point)).toBe(true);
				}
			}),
			runs
		);
	});

	it('reading and acting on a case: the owner or the unit it came from lies at or below the user’s unit', () => {
		fc.assert(
			fc.property(world, (w) => {
				const { tree, m, actor, owner } = setUp(w);
				const reach = m.below(actor.unitId);
				const expected =
					!m.dead(actor.unitId) &&
					(reach.has(owner.unitId) || (owner.priorUnitId !== null && reach.has(owner.priorUnitId)));
				expect(mayActOnCase(tree, actor, owner).allowed).toBe(expected);
			}),
			runs
		);
	});

	it('approving (alert, growth, raise): same unit or above; beyond the case unit’s limit, a unit above whose limit reaches', () => {
		fc.assert(
			fc.property(world, (w) => {
				const { tree, m, actor, owner } = setUp(w);
				const r = w.radiusKm;
				const expected =
					RANK[actor.role] >= RANK.approver &&
					!m.dead(actor.unitId) &&
					m.below(actor.unitId).has(owner.unitId) &&
					(r <= m.limit(owner.unitId) || (actor.unitId !== owner.unitId && r <= m.limit(actor.unitId)));
				const decision = mayApprove(tree, actor, owner, r);
				expect(decision.allowed).toBe(expected);
				// "Who can give it": the unit named would be allowed, were its approver to ask.
				if (!decision.allowed && decision.reason === 'needs_higher_unit' && decision.unit) {
					const named = decision.unit.id;
					expect(
						m
							.path(owner.unitId)
							.map((u) => u.id)
							.slice(1)
					).toContain(named);
					expect(r).toBeLessThanOrEqual(m.limit(named));
				}
			}),
			runs
		);
	});

	it('hand-over: someone who may act on the case, to another enabled unit', () => {
		fc.assert(
			fc.property(world, (w) => {
				const { tree, m, actor, owner, other } = setUp(w);
				const reach = m.below(actor.unitId);
				const acts =
					!m.dead(actor.unitId) &&
					(reach.has(owner.unitId) || (owner.priorUnitId !== null && reach.has(owner.priorUnitId)));
				const expected = acts && !m.dead(other) && other !== owner.unitId;
				expect(mayHandOver(tree, actor, owner, other).allowed).toBe(expected);
			}),
			runs
		);
	});

	it('audit rows, partners and statistics: rows of the user’s unit and below; pre-unit rows belong to the root', () => {
		fc.assert(
			fc.property(world, fc.boolean(), fc.constantFrom(...ROLES), (w, legacy, needed) => {
				const { tree, m, actor, other } = setUp(w);
				const rowUnit = legacy ? 'u0' : other;
				const expected =
					RANK[actor.role] >= RANK[needed] && !m.dead(actor.unitId) && m.below(actor.unitId).has(rowUnit);
				expect(mayReadUnitRecords(tree, actor, legacy ? null : other, needed).allowed).toBe(expected);
			}),
			runs
		);
	});

	it('administration: units strictly below the admin’s; users and their moves within the admin’s subtree', () => {
		fc.assert(
			fc.property(world, (w) => {
				const { tree, m, actor, owner, other } = setUp(w);
				const admin = actor.role === 'admin' && !m.dead(actor.unitId);
				const reach = m.below(actor.unitId);
				expect(mayGovernPlatform(tree, actor).allowed).toBe(admin && actor.unitId === 'u0');
				expect(mayManageUnit(tree, actor, other).allowed).toBe(
					admin && other !== actor.unitId && reach.has(other)
				);
				expect(mayCreateUnitUnder(tree, actor, other).allowed).toBe(
					admin && !m.dead(other) && reach.has(other)
				);
				expect(mayManageUser(tree, actor, owner.unitId, other).allowed).toBe(
					admin && reach.has(owner.unitId) && reach.has(other)
				);
			}),
			runs
		);
	});
});
