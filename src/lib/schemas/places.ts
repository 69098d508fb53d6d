import { z } from 'zod';
import { langSchema, latitudeSchema, longitudeSchema, numericQuery } from './common';

export const MAX_PLACES = 20;
export const PLACE_LEVELS = [
	'country',
	'province',
	'prefecture',
	'county',
	'township',
	'city',
	'poi'
] as const;

/** `near=lat,lon` (API.md "Places"): two numbers in range, or a 400 naming the field. */
const nearSchema = z
	.string()
	.regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/)
	.transform((text) => text.split(',').map(Number))
	.pipe(z.tuple([latitudeSchema, longitudeSchema]))
	.transform(([lat, lon]) => ({ lat, lon }));

/** `GET /api/places`: an empty `q` is a 400, not an empty list (nothing to search for is a caller's mistake). */
export const placesQuerySchema = z.object({
	q: z.string().trim().min(1).max(100),
	lang: langSchema.optional(),
	near: nearSchema.optional(),
	limit: numericQuery(z.number().int().min(1).max(MAX_PLACES)).default(10)
});

export const reverseQuerySchema = z.object({
	lat: numericQuery(latitudeSchema),
	lon: numericQuery(longitudeSchema),
	lang: langSchema.optional()
});

export const placeSchema = z.object({
	id: z.string(),
	name: z.string(),
	nameEn: z.string().optional(),
	/** From the top down, the place itself last: ["上海市", "浦东新区"]. */
	admin: z.array(z.string()),
	level: z.enum(PLACE_LEVELS),
	lat: latitudeSchema,
	lon: longitudeSchema,
	population: z.number().int().nonnegative().optional(),
	/** The unit has no point of its own in the gazetteer: this is its parent's (or its townships' middle). */
	approximate: z.boolean().optional()
});

export const placesResponseSchema = z.object({ places: z.array(placeSchema) });
export const reverseResponseSchema = z.object({ place: placeSchema.nullable() });

export type Place = z.infer<typeof placeSchema>;
