import { verifyAlert, type PublicJwk } from '../lib/signing/alert-signature';
import { readOptions, visibleAlerts, type WidgetAlert, type WidgetOptions } from './alerts';
import { render, type Verdict, type ViewState } from './render';
import { STYLES } from './styles';

const REFRESH_MS = 60_000;
/** The server's page size; `max` and `radius-km` narrow it on the device. */
const FETCH_LIMIT = 50;

/** The deployment the script came from: its alerts, case pages and keys. Read while the script runs. */
const scriptOrigin = (() => {
	const script = document.currentScript as HTMLScriptElement | null;
	return script?.src ? new URL(script.src).origin : location.origin;
})();

let keys: Promise<PublicJwk[] | null> | undefined;

let sheet: CSSStyleSheet | null | undefined;

/**
 * The widget's styles as a constructable stylesheet, shared by every instance: a host page whose policy is
 * `style-src 'self'` refuses a `<style>` element in the shadow root but allows adopted sheets (CSSOM is not
 * inline markup). null where the browser has none (then the `<style>` element, which such a policy blocks).
 */
function widgetSheet(): CSSStyleSheet | null {
	if (sheet !== undefined) return sheet;
	try {
		sheet = new CSSStyleSheet();
		sheet.replaceSync(STYLES);
	} catch {
		sheet = null;
	}
	return sheet;
}

/** The published keys, fetched once per page; null when they cannot be had (then no badge, rather than a false one). */
function publishedKeys(): Promise<PublicJwk[] | null> {
	keys ??= fetch(`${scriptOrigin}/.well-known/reunion-keys.json`, { credentials: 'omit' })
		.then((response) => (response.ok ? (response.json() as Promise<{ keys?: PublicJwk[] }>) : null))
		.then((set) => set?.keys ?? null)
		.catch(() => {
			keys = undefined;
			return null;
		});
	return keys;
}

/** A badge needs WebCrypto: without it (old browsers, insecure contexts) no badge is shown at all. */
async function verdicts(alerts: WidgetAlert[]): Promise<Verdict[]> {
	const subtle = globalThis.crypto?.subtle;
	const set = subtle ? await publishedKeys() : null;
	if (!subtle || !set) return alerts.map(() => undefined);
	return Promise.all(alerts.map((alert) => verifyAlert({ ...alert }, set, subtle)));
}

/**
 * `<reunion-alerts lat lon radius-km lang max theme>`: missing-child alerts near a point, in a shadow root. It
 * sets no cookies and sends none (`credentials: 'omit'`), and reads only public, signed JSON.
 */
export class ReunionAlerts extends HTMLElement {
	static observedAttributes = ['lat', 'lon', 'radius-km', 'lang', 'max', 'theme'];
	#root = this.attachShadow({ mode: 'open' });
	#timer: ReturnType<typeof setInterval> | undefined;
	#generation = 0;
	#shown = false;
	#queued = false;

	constructor() {
		super();
		const adopted = widgetSheet();
		if (adopted) this.#root.adoptedStyleSheets = [adopted];
	}

	connectedCallback(): void {
		document.addEventListener('visibilitychange', this.#onVisibility);
		this.#queueRefresh();
		this.#schedule();
	}

	disconnectedCallback(): void {
		document.removeEventListener('visibilitychange', this.#onVisibility);
		clearInterval(this.#timer);
	}

	attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
		if (this.isConnected && before !== after) this.#queueRefresh();
	}

	/**
	 * One request for everything that changed in one task: an upgraded element hears every attribute it was
	 * written with and then its connection, all at once, which would otherwise be as many identical requests.
	 */
	#queueRefresh(): void {
		if (this.#queued) return;
		this.#queued = true;
		queueMicrotask(() => {
			this.#queued = false;
			if (this.isConnected) void this.#refresh();
		});
	}

	/** Refresh at once when the tab comes back, and not at all while nobody can see it. */
	#onVisibility = (): void => {
		if (document.visibilityState === 'visible') this.#queueRefresh();
		this.#schedule();
	};

	#schedule(): void {
		clearInterval(this.#timer);
		this.#timer =
			document.visibilityState === 'visible'
				? setInterval(() => void this.#refresh(), REFRESH_MS)
				: undefined;
	}

	#show(state: ViewState, options: WidgetOptions): void {
		const view = render(state, options, scriptOrigin);
		if (this.#root.adoptedStyleSheets.length) this.#root.replaceChildren(view);
		else {
			const style = document.createElement('style');
			style.textContent = STYLES;
			this.#root.replaceChildren(style, view);
		}
		this.#shown = state.kind === 'list';
		this.dataset.state = state.kind === 'list' ? (state.alerts.length ? 'list' : 'empty') : state.kind;
	}

	async #refresh(): Promise<void> {
		const fallbackLang = this.closest('[lang]')?.getAttribute('lang') ?? 'zh-CN';
		const options = readOptions((name) => this.getAttribute(name), fallbackLang);
		const generation = ++this.#generation;
		if (!options) {
			this.#show({ kind: 'error' }, { lat: 0, lon: 0, lang: 'zh-CN', max: 5, theme: 'auto' });
			return;
		}
		if (!this.#shown) this.#show({ kind: 'loading' }, options);
		try {
			const url = new URL('/api/alerts', scriptOrigin);
			url.search = new URLSearchParams({
				lat: String(options.lat),
				lon: String(options.lon),
				include: 'closed',
				lang: options.lang,
				limit: String(FETCH_LIMIT)
			}).toString();
			const response = await fetch(url, { credentials: 'omit' });
			if (!response.ok) throw new Error(`alerts answered ${response.status}`);
			const body = (await response.json()) as { alerts: WidgetAlert[] };
			const alerts = visibleAlerts(body.alerts, {
				now: Date.now(),
				radiusKm: options.radiusKm,
				max: options.max
			});
			const checked = await verdicts(alerts);
			// A slower, older refresh must not overwrite a newer one.
			if (generation === this.#generation) this.#show({ kind: 'list', alerts, verdicts: checked }, options);
		} catch (error) {
			if (generation !== this.#generation) return;
			// fetch rejects with a TypeError when the network is down; anything else is the server's or ours.
			const offline = navigator.onLine === false || error instanceof TypeError;
			this.#show({ kind: offline ? 'offline' : 'error' }, options);
		}
	}
}
