import { z } from 'zod';
import { unsubscribeSchema } from './subscription';

/** `POST /api/subscriptions/check`: the same proof of holding the subscription as unsubscribing. */
export const checkRequestSchema = unsubscribeSchema;

export const CHECK_STATES = ['sent', 'received', 'failed', 'expired'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

export const checkIdSchema = z.uuid();

/** What the test push carries; the service worker reports `checkId` back (src/lib/sw/delivery-check.ts). */
export interface CheckPushMessage {
	kind: 'check';
	checkId: string;
	title: string;
	body: string;
}
