import { distanceToCellKm } from '../geo';
import type { SavedRegion } from '../regions/store';
import type { CaseSummary } from '../schemas';
import type { LiveCaseMessage, LiveKind } from '../schemas/live';
import type { LiveChange } from './apply';
import { LiveConnection, type LiveMode } from './connection';
import { AlertsPoller } from './poll';
import { liveCells, reachesRegions } from './regions';
import { forgetClosedCase } from '../sw/forget-case';
import { isNewToVisitor, loadLastLook, saveLastLook } from './new-since';
import { announcementTime, claimAnnouncement } from './shown';

/** One banner per case: a later change of the same case replaces it. */
export interface LiveBanner {
	kind: LiveKind;
	case: CaseSummary;
}

/** At most this many banners stay on screen; older ones remain in the list below. */
const MAX_BANNERS = 3;

/**
 * Live alerts for the open page: the socket (or polling while it is down) feeds banners and the changes the
 * alert list applies in place. Everything is filtered by the device's own regions (API.md "inside the radius").
 */
export class LiveAlerts {
	banners = $state<LiveBanner[]>([]);
	/** The latest change per case this page heard of; lists merge it (see `applyLiveChanges`). */
	changes = $state<Record<string, LiveChange>>({});
	mode = $state<LiveMode>('connecting');
	/** True once the alerts were read since the page opened (the catch-up is done). */
	synced = $state(false);

	private regions: SavedRegion[] = [];
	private lang = 'zh-CN';
	private cellsKey = '';
	private connection: LiveConnection | undefined;
	private readonly poller = new AlertsPoller();
	/** Cases listed at the last read of /api/alerts; null until the first read. */
	private known: string[] | null = null;
	/** Every case this page listed or heard of, so a cancel (which names only the id) finds its banner. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup behind `receive`, never rendered
	private readonly shown = new Map<string, CaseSummary>();

	/** Starts, or restarts when the regions' cells changed; no regions, no socket. */
	follow(regions: SavedRegion[], lang: string, origin: URL): void {
		this.regions = regions;
		this.lang = lang;
		const cells = liveCells(regions);
		if (cells.join(',') === this.cellsKey) return;
		this.stop();
		this.cellsKey = cells.join(',');
		if (cells.length === 0) return;
		const scheme = origin.protocol === 'https:' ? 'wss' : 'ws';
		this.connection = new LiveConnection({
			url: `${scheme}://${origin.host}/api/live?cells=${cells.join(',')}`,
			onMessage: (message) => void this.receive(message),
			onResync: () => void this.resync(),
			onModeChange: (mode) => (this.mode = mode)
		});
		this.connection.start();
	}

	stop(): void {
		this.connection?.stop();
		this.connection = undefined;
		this.cellsKey = '';
		this.known = null;
		this.synced = false;
	}

	dismissAll(): void {
		this.banners = [];
	}

	dismiss(caseId: string): void {
		this.banners = this.banners.filter((banner) => banner.case.id !== caseId);
	}

	private async receive(message: Pick<LiveCaseMessage, 'kind' | 'case' | 'at'>): Promise<void> {
		// Phones forget on seeing (issue 9): a found or withdrawn child's cached page, poster and photo go now.
		if ((message.kind === 'resolved' || message.kind === 'cancelled') && 'caches' in globalThis)
			void forgetClosedCase(message.case.id, message.kind).catch(() => {});
		// A withdrawn case comes as { id, status, cancelledAt }: it concerns this page only if the page showed it.
		const shown = message.kind === 'cancelled' ? this.shown.get(message.case.id) : message.case;
		if (!shown || !('lat' in shown) || !reachesRegions(shown, this.regions)) return;
		const summary: CaseSummary = { ...shown, distanceKm: this.distanceKm(shown) };
		this.shown.set(summary.id, summary);
		const change = { kind: message.kind, case: summary };
		this.changes = { ...this.changes, [summary.id]: change };
		if (!(await claimAnnouncement(summary.id, message.kind, announcementTime(message.at)))) return;
		const others = this.banners.filter((banner) => banner.case.id !== summary.id);
		this.banners = [change, ...others].slice(0, MAX_BANNERS);
	}

	// On open, after a reconnect, and on each poll while disconnected: cases new since the last read are announced
	// as alerts (unless this device announced them before), cases gone from the list leave it.
	private async resync(): Promise<void> {
		// Taken before the read: a case published while the answer travels is newer than this look.
		const readAt = Date.now();
		let alerts: CaseSummary[];
		try {
			alerts = await this.poller.read(
				this.regions.map((region) => region.geohash),
				this.lang
			);
		} catch {
			return;
		}
		const listed = alerts.map((alert) => alert.id);
		// The first read is the catch-up of every app open: a case listed that this device never announced (no push
		// reached it, the page was closed) is announced now, once.
		// "New" is new since this visitor last looked (or saved the region): not every case they never had a banner for.
		const previous = this.known ?? [];
		this.known = listed;
		const lastLook = loadLastLook();
		// Oldest first, so the newest cases end up on top of the few banners shown.
		for (const alert of alerts) this.shown.set(alert.id, alert);
		for (const alert of [...alerts].reverse())
			if (!previous.includes(alert.id) && isNewToVisitor(alert, this.regions, lastLook))
				await this.receive({ kind: 'alert', case: alert });
		saveLastLook(readAt);
		this.synced = true;
		const gone = previous.filter((id) => !listed.includes(id));
		if (gone.length > 0)
			this.changes = {
				...this.changes,
				...Object.fromEntries(gone.map((id) => [id, { kind: 'gone' as const }]))
			};
	}

	private distanceKm(summary: CaseSummary): number {
		const nearest = Math.min(
			...this.regions.map((region) =>
				distanceToCellKm({ lat: summary.lat, lon: summary.lon }, region.geohash)
			)
		);
		return Math.round(nearest * 10) / 10;
	}
}

/** The one instance the layout starts and pages read. */
export const liveAlerts = new LiveAlerts();
