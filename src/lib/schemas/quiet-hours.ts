import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 00:00–23:59');

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** API.md "Subscriptions": hours the device does not want to be woken, on its own clock (an IANA zone). */
export const quietHoursSchema = z
	.object({
		start: clock,
		end: clock,
		timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai')
	})
	.refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });

export type QuietHours = z.infer<typeof quietHoursSchema>;
