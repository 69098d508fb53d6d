import { z } from 'zod';
import { langSchema, latitudeSchema, longitudeSchema, seenAtSchema, textSchema, type Lang } from './common';

export const TIP_STATUSES = ['new', 'reviewing', 'useful', 'dismissed'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
export type TipCounts = Record<TipStatus, number>;

/** A tip from the public (API.md `POST /api/cases/:id/tips`); a place is both coordinates or none. */
export const tipCreateSchema = z
	.object({
		message: textSchema().min(1, 'write what you saw').max(2000),
		// The same plausibility rule as a case's lastSeenAt: year 0000 is a slip, not a sighting.
		seenAt: seenAtSchema.optional(),
		lat: latitudeSchema.optional(),
		lon: longitudeSchema.optional(),
		// A place typed by someone who cannot or will not pin it ("the bus stop at 漕河泾").
		place: textSchema().max(120).optional(),
		contact: textSchema().max(200).optional(),
		lang: langSchema.default('zh-CN'),
		// Made on the device when the clue is written, so a send retried after a lost answer stores it once.
		clientId: z.uuid().optional()
	})
	.superRefine((tip, ctx) => {
		if ((tip.lat === undefined) === (tip.lon === undefined)) return;
		const missing = tip.lat === undefined ? 'lat' : 'lon';
		ctx.addIssue({ code: 'custom', path: [missing], message: 'give both lat and lon, or neither' });
	});

export const tipTriageSchema = z.object({ status: z.enum(TIP_STATUSES) });

export type TipInput = z.infer<typeof tipCreateSchema>;

/** A tip as the police console sees it. */
export interface Tip {
	id: string;
	caseId: string;
	reference: string;
	message: string;
	seenAt: string | null;
	lat: number | null;
	lon: number | null;
	place: string | null;
	contact: string | null;
	/** `/api/police/tips/:id/photo` when the tip came with a photo (officers only). */
	photoUrl: string | null;
	lang: Lang;
	status: TipStatus;
	createdAt: string;
	updatedAt: string;
	reviewedBy: string | null;
}
