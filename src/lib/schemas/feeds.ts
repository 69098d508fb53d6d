import { z } from 'zod';
import { langSchema, latitudeSchema, longitudeSchema, numericQuery, regionGeohashSchema } from './common';

/** `GET /feeds/alerts.atom`: the whole feed, or one area by geohash-5 or a point (the `/api/alerts` rule). */
export const atomQuerySchema = z.object({
	geohash: regionGeohashSchema.optional(),
	lat: numericQuery(latitudeSchema).optional(),
	lon: numericQuery(longitudeSchema).optional(),
	lang: langSchema.default('zh-CN')
});

export type AtomQuery = z.infer<typeof atomQuerySchema>;
