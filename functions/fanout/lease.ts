import { DEFAULT_SEND_LEASE_SECONDS } from '../db/send-batches';
import type { Env } from '../env';

/** A slow push service must not hold the others: each request has its own deadline. */
export const DEFAULT_PUSH_TIMEOUT_MS = 10_000;

function positive(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * How long a send batch's outcome may take once it is recorded, taken by a consumer or queued for a retry
 * (SEND_LEASE_SECONDS, default 10 min): past it the Cron takes its message for lost and sends it again. Longer
 * than a consumer invocation's worst case (10 messages × 100 devices over 6 connections, each ≤ the push timeout)
 * and than a SEND queue's backlog drains, or batches still waiting would be sent twice. A consumer renews it at
 * take only when less than its invocation's worst case is left (send.ts), so a backlog that drains well within
 * it costs no write.
 */
export function sendLeaseMs(env: Pick<Env, 'SEND_LEASE_SECONDS'>): number {
	return positive(env.SEND_LEASE_SECONDS, DEFAULT_SEND_LEASE_SECONDS) * 1000;
}

/** Each push request's deadline (PUSH_TIMEOUT_MS, default 10 s): a push service that never answers times out. */
export function pushTimeoutMs(env: Pick<Env, 'PUSH_TIMEOUT_MS'>): number {
	return positive(env.PUSH_TIMEOUT_MS, DEFAULT_PUSH_TIMEOUT_MS);
}
