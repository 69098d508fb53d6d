import { z } from 'zod';
import { COMPONENTS, OPERATIONS, type Answer, type JsonSchema, type Operation } from './openapi-operations';

/**
 * GET /api/openapi.json (API.md): the public API described from the very schemas that validate its requests and
 * shape its answers, so the document cannot drift from the code. tests/integration/openapi.test.ts fails when a
 * public route is mounted without an entry in openapi-operations.ts.
 */

/** Request schemas describe what a client sends (defaults optional, query strings as text). */
function inputSchema(schema: z.ZodType): JsonSchema {
	return strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }));
}

/**
 * Without `$schema` (the document declares the dialect once) and `$id`: zod names a registry's schemas with an
 * `$id` of their URI, and `#/components/schemas/X` is a fragment, which JSON Schema 2020-12 forbids in `$id`
 * (Ajv refuses it). The `$ref`s keep that URI, which resolves against the document itself.
 */
function strip(schema: JsonSchema): JsonSchema {
	const { $schema: _dialect, $id: _id, ...rest } = schema;
	return rest;
}

function componentsSchemas(): Record<string, JsonSchema> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
	const { schemas } = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		io: 'output',
		unrepresentable: 'any',
		uri: (id) => `#/components/schemas/${id}`
	});
	return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, strip(schema)]));
}

function outputSchema(schema: z.ZodType): JsonSchema {
	const named = Object.entries(COMPONENTS).find(([, component]) => component === schema);
	if (named) return { $ref: `#/components/schemas/${named[0]}` };
	return strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }));
}

function parameters(operation: Operation): JsonSchema[] {
	const path = Object.entries(operation.params ?? {}).map(([name, schema]) => ({
		name,
		in: 'path',
		required: true,
		schema: inputSchema(schema)
	}));
	if (!operation.query) return path;
	const query = inputSchema(operation.query) as {
		properties?: Record<string, JsonSchema>;
		required?: string[];
	};
	const fields = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
		name,
		in: 'query',
		required: query.required?.includes(name) ?? false,
		schema
	}));
	return [...path, ...fields];
}

function answer(status: string, { description, json, mediaType, headers }: Answer, crossOrigin: boolean) {
	const allHeaders = { ...headers, ...(crossOrigin ? { 'Access-Control-Allow-Origin': 'Always `*`' } : {}) };
	return {
		description,
		...(json ? { content: { 'application/json': { schema: outputSchema(json) } } } : {}),
		...(mediaType ? { content: { [mediaType]: {} } } : {}),
		...(Object.keys(allHeaders).length && status !== '304'
			? {
					headers: Object.fromEntries(
						Object.entries(allHeaders).map(([name, text]) => [
							name,
							{ description: text, schema: { type: 'string' } }
						])
					)
				}
			: {})
	};
}

function operationObject(operation: Operation): JsonSchema {
	const params = parameters(operation);
	return {
		operationId: operation.operationId,
		summary: operation.summary,
		...(params.length ? { parameters: params } : {}),
		...(operation.body
			? {
					requestBody: {
						required: true,
						content: { 'application/json': { schema: inputSchema(operation.body) } }
					}
				}
			: {}),
		responses: Object.fromEntries(
			Object.entries(operation.responses).map(([status, value]) => [
				status,
				answer(status, value, operation.crossOrigin ?? false)
			])
		)
	};
}

/** The OpenAPI 3.1 document, without `servers` (the route adds the origin it was asked on). */
export function buildOpenApiDocument(): JsonSchema {
	const paths: Record<string, Record<string, JsonSchema>> = {};
	for (const operation of OPERATIONS) {
		paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Reunion public API',
			version: '1',
			description:
				'Missing-child alerts near a place, signed with the keys in /.well-known/reunion-keys.json. ' +
				'Errors answer `{ "error": { "code", "message", "field"? } }`.',
			license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' }
		},
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		paths,
		components: { schemas: componentsSchemas() }
	};
}
