import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document';

// The structural check the Worker test cannot run: the validator reads the OpenAPI meta-schemas from disk.
describe('buildOpenApiDocument', () => {
	it('is valid OpenAPI 3.1 by the official schema', async () => {
		const validator = new Validator();
		const result = await validator.validate({
			...buildOpenApiDocument(),
			servers: [{ url: 'https://reunion.test' }]
		});
		expect(result.errors).toBeUndefined();
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
	});

	it('resolves with every $ref inside it', async () => {
		const validator = new Validator();
		await validator.validate(buildOpenApiDocument());
		// resolveRefs throws on a $ref that names nothing in the document.
		expect(() => validator.resolveRefs()).not.toThrow();
	});

	it('is refused by the same check once broken, so the checks above can fail', async () => {
		const { info: _info, ...withoutInfo } = buildOpenApiDocument();
		expect((await new Validator().validate(withoutInfo)).valid).toBe(false);
		const dangling = buildOpenApiDocument();
		(dangling.components as { schemas: Record<string, unknown> }).schemas = {};
		const validator = new Validator();
		await validator.validate(dangling);
		expect(() => validator.resolveRefs()).toThrow();
	});
});
