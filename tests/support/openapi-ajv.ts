import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// Ajv 8 in its JSON Schema 2020-12 mode: the independent check of /api/openapi.json's schemas (issue #19), used by
// functions/api/public/openapi-ajv.test.ts on the built document and tests/e2e/interop.spec.ts on live answers.

export const BASE = 'https://reunion.test/api/openapi.json';

export type Schema = Record<string, unknown>;

/** Every schema the document holds (components, parameters, bodies, answers), by its JSON pointer. */
export function schemaPointers(document: Schema): string[] {
	const escape = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
	const pointers = Object.keys((document.components as { schemas: Schema }).schemas).map(
		(name) => `/components/schemas/${escape(name)}`
	);
	for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Schema>>)) {
		for (const [method, operation] of Object.entries(methods)) {
			const at = `/paths/${escape(path)}/${method}`;
			((operation.parameters ?? []) as Schema[]).forEach((_, i) =>
				pointers.push(`${at}/parameters/${i}/schema`)
			);
			const body = operation.requestBody as { content: Record<string, unknown> } | undefined;
			for (const type of Object.keys(body?.content ?? {}))
				pointers.push(`${at}/requestBody/content/${escape(type)}/schema`);
			for (const [status, answer] of Object.entries(operation.responses as Record<string, Schema>)) {
				for (const [type, media] of Object.entries((answer.content ?? {}) as Record<string, Schema>))
					if (media.schema) pointers.push(`${at}/responses/${status}/content/${escape(type)}/schema`);
			}
		}
	}
	return pointers;
}

export function at(document: Schema, pointer: string): Schema {
	return pointer
		.split('/')
		.slice(1)
		.reduce<Schema>((node, part) => node[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Schema, document);
}

/** Ajv 8 in its JSON Schema 2020-12 mode, strict, with formats: the document's declared dialect, checked for real. */
export function openApiAjv(document: Schema): Ajv2020 {
	const ajv = new Ajv2020({ strict: true, allErrors: true });
	addFormats(ajv);
	// The OpenAPI document itself is the container the schemas' `#/components/…` references point into.
	for (const keyword of ['openapi', 'info', 'jsonSchemaDialect', 'paths', 'components', 'servers'])
		ajv.addKeyword(keyword);
	ajv.addSchema({ ...document, $id: BASE });
	return ajv;
}
