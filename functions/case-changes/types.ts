import type { CaseRow } from '../db/cases';
import type { Env } from '../env';

/**
 * What happened to a case, as every channel needs to hear it. The row handed along with it is the case as it is
 * after the change (for `updated`, as it was when the update was posted).
 */
export type CaseChange =
	/** Approved by a second officer: the alert goes out to the case's whole circle. */
	| { kind: 'published' }
	/** A police update (text, maybe a sighting or a proposed wider radius) for those the case reached. */
	| { kind: 'updated'; text: string }
	/** The circle grew (a schedule step or an approved raise): only the ring outside `fromRadiusKm` is new. */
	| { kind: 'radius'; fromRadiusKm: number }
	| { kind: 'resolved'; text?: string }
	/** `wasPublished`: a draft or pending case cancelled was never public, so nobody is told. */
	| { kind: 'cancelled'; wasPublished: boolean }
	/** A new photo; a published case keeps its alert, and the next update carries the photo. */
	| { kind: 'photo' }
	/** The retention period after resolution passed: photos deleted, texts cleared, name reduced. */
	| { kind: 'withdrawn' }
	/**
	 * A published case handed to another unit (issue 21): the public issuer changed, so the feeds get a new CAP
	 * message under the new unit and partners an update; phones and open pages heard the alert and are not woken.
	 */
	| { kind: 'handed_over'; fromUnitId: string; toUnitId: string };

export type CaseChangeKind = CaseChange['kind'];

/** What a listener reports back; the approval's audit row names the fan-out jobs started. */
export interface ListenerOutcome {
	fanoutJobs?: string[];
}

/**
 * One channel: push fan-out, live alerts, webhooks, cache purges … One file each under listeners/. A listener
 * may hear the same announcement more than once (functions/case-changes/index.ts): it must be idempotent by
 * `announcementId` and `now` (the announcement's own time, the same on every delivery). `name` keys its receipt.
 */
export interface CaseChangeListener {
	name: string;
	onCaseChange(
		env: Env,
		row: CaseRow,
		change: CaseChange,
		now: Date,
		announcementId: string
	): Promise<ListenerOutcome | void>;
}
