import { describe, expect, it } from 'vitest';
import { at, BASE, openApiAjv, schemaPointers } from '../../../tests/support/openapi-ajv';
import { buildOpenApiDocument } from './openapi-document';

describe('the OpenAPI schemas in Ajv (JSON Schema 2020-12)', () => {
	const document = buildOpenApiDocument();
	const ajv = openApiAjv(document);

	it('are each a valid 2020-12 schema that compiles', () => {
		const pointers = schemaPointers(document);
		expect(pointers.length).toBeGreaterThan(20);
		for (const pointer of pointers) {
			const valid = ajv.validateSchema(at(document, pointer));
			expect({ pointer, errors: valid ? null : ajv.errors }).toEqual({ pointer, errors: null });
			expect(() => ajv.compile({ $ref: `${BASE}#${pointer}` })).not.toThrow();
		}
	});

	it('carry the bounds the API validates with', () => {
		const summary = ajv.compile({ $ref: `${BASE}#/components/schemas/CaseSummary` });
		const good = {
			id: 'c-1',
			status: 'published',
			childName: '李',
			age: 7,
			sex: 'male',
			photoUrl: null,
			lastSeenAt: '2026-11-25T03:10:00.000Z',
			placeName: '上海',
			lat: 31.2,
			lon: 121.4,
			radiusKm: 100,
			publishedAt: '2026-11-25T03:30:00.000Z',
			demo: false,
			// Every public case names its issuing unit (API.md "Police units").
			issuer: { code: '310000', name: '上海市公安局' }
		};
		expect(summary(good)).toBe(true);
		for (const bad of [
			{ age: 18 },
			{ age: -1 },
			{ lastSeenAt: 'yesterday' },
			{ publishedAt: 'soon' },
			{ lat: 91 },
			{ lon: -181 },
			{ radiusKm: 0 },
			{ radiusKm: 501 }
		])
			expect({ bad, valid: summary({ ...good, ...bad }) }).toEqual({ bad, valid: false });
	});
});
