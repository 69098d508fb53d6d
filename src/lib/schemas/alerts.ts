import { z } from 'zod';
import { langSchema, latitudeSchema, longitudeSchema, numericQuery, regionGeohashSchema } from './common';

export const MAX_ALERTS = 200;

/** `GET /api/alerts` query; whether exactly one location is given is checked by the route (its own error code). */
export const alertsQuerySchema = z.object({
	geohash: regionGeohashSchema.optional(),
	lat: numericQuery(latitudeSchema).optional(),
	lon: numericQuery(longitudeSchema).optional(),
	limit: numericQuery(z.number().int().min(1).max(MAX_ALERTS)).default(50),
	lang: langSchema.optional(),
	/** `closed` adds cases resolved or cancelled in the last 24 h, so a widget can show "Found" and then drop them. */
	include: z.enum(['closed']).optional()
});

export type AlertsQuery = z.infer<typeof alertsQuerySchema>;
