/** One attempt to deliver one event to one partner; a failed attempt queues the next with its delay. */
export interface WebhookQueueMessage {
	eventId: string;
	partnerId: string;
	/** 1 for the first attempt, up to MAX_ATTEMPTS (schedule.ts). */
	attempt: number;
}
