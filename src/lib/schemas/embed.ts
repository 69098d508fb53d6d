import { z } from 'zod';
import { langSchema, latitudeSchema, longitudeSchema, numericQuery } from './common';

/** `GET /embed?lat=&lon=&lang=&radius-km=`: the iframe form of the widget, with the same attributes. */
export const embedQuerySchema = z.object({
	lat: numericQuery(latitudeSchema),
	lon: numericQuery(longitudeSchema),
	lang: langSchema.default('zh-CN'),
	'radius-km': numericQuery(z.number().min(1).max(500)).optional(),
	max: numericQuery(z.number().int().min(1).max(50)).optional(),
	theme: z.enum(['light', 'dark', 'auto']).default('auto')
});

export type EmbedQuery = z.infer<typeof embedQuerySchema>;
