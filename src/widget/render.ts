import type { WidgetAlert, WidgetOptions } from './alerts';
import { text } from './text';

/** Verification outcome per alert: a badge only when WebCrypto could check it (undefined = no badge). */
export type Verdict = boolean | undefined;

/** appendChild, not append: the Workers types this project also loads redefine Element.append. */
function add(parent: Node, ...children: Node[]): void {
	for (const child of children) parent.appendChild(child);
}

function el<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	props: Partial<Record<'className' | 'textContent', string>> = {},
	...children: Node[]
): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	// Case fields only ever go in as text: no innerHTML anywhere in the widget.
	if (props.className) node.className = props.className;
	if (props.textContent !== undefined) node.textContent = props.textContent;
	add(node, ...children);
	return node;
}

/** Only http(s) URLs become links or images: a `javascript:` photo URL would otherwise be a script. */
export function safeUrl(value: string | null | undefined, base: string): string | null {
	if (!value) return null;
	try {
		const url = new URL(value, base);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
	} catch {
		return null;
	}
}

function when(iso: string | undefined, lang: WidgetOptions['lang']): string {
	if (!iso) return '';
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

function item(alert: WidgetAlert, options: WidgetOptions, origin: string, verdict: Verdict): HTMLLIElement {
	const { lang } = options;
	const link = el('a');
	link.href = `${origin}/cases/${encodeURIComponent(alert.id)}`;
	link.target = '_blank';
	link.rel = 'noopener';
	const photo = safeUrl(alert.photoUrl, origin);
	if (photo) {
		const image = el('img');
		image.src = photo;
		image.alt = text(lang, 'widget.photoAlt', { name: alert.childName ?? '' });
		image.loading = 'lazy';
		image.referrerPolicy = 'no-referrer';
		add(link, image);
	} else add(link, el('span', { className: 'ph' }));
	const name = el('span', { className: 'name', textContent: alert.childName ?? '' });
	const head = el('div', {}, name);
	if (alert.status === 'resolved')
		add(head, el('span', { className: 'found', textContent: text(lang, 'widget.found') }));
	// A signed demo case is still not a real child: the badge says so next to the name.
	if (alert.demo) add(head, el('span', { className: 'demo', textContent: text(lang, 'widget.demo') }));
	const details = [
		alert.age === undefined ? '' : text(lang, 'widget.age', { age: alert.age }),
		alert.distanceKm === undefined ? '' : text(lang, 'widget.distance', { km: alert.distanceKm })
	].filter(Boolean);
	const body = el(
		'div',
		{},
		head,
		el('div', { className: 'meta', textContent: details.join(' · ') }),
		el('div', {
			className: 'meta',
			textContent: text(lang, 'widget.lastSeen', {
				place: alert.placeName ?? '',
				time: when(alert.lastSeenAt, lang)
			})
		})
	);
	if (verdict !== undefined) {
		const badge = el('div', {
			className: verdict ? 'badge' : 'badge bad',
			// A verified item names its issuer ("✓ 武汉市公安局"): the name is covered by the signature just checked.
			textContent: verdict
				? `✓ ${alert.issuer?.name ?? text(lang, 'widget.verified')}`
				: `⚠ ${text(lang, 'widget.unverified')}`
		});
		if (verdict) badge.title = text(lang, 'widget.verified');
		badge.dataset.verified = String(verdict);
		add(body, badge);
	}
	add(link, body);
	return el('li', {}, link);
}

export type ViewState =
	| { kind: 'loading' }
	| { kind: 'offline' | 'error' }
	| { kind: 'list'; alerts: WidgetAlert[]; verdicts: Verdict[] };

/** The widget's whole content for one state; replaced as a unit, so no stale row survives a refresh. */
export function render(state: ViewState, options: WidgetOptions, origin: string): HTMLElement {
	const { lang } = options;
	const box = el('section', { className: `box ${options.theme}` });
	box.setAttribute('aria-label', text(lang, 'widget.title'));
	box.lang = lang;
	add(box, el('h2', { textContent: text(lang, 'widget.title') }));
	if (state.kind === 'list' && state.alerts.length) {
		const list = el('ul');
		// Safari drops list semantics when list-style is none unless the role is explicit.
		list.setAttribute('role', 'list');
		state.alerts.forEach((alert, index) => add(list, item(alert, options, origin, state.verdicts[index])));
		add(box, list);
	} else {
		const key =
			state.kind === 'list'
				? 'widget.empty'
				: state.kind === 'loading'
					? 'widget.loading'
					: (`widget.${state.kind}` as const);
		const message = el('p', { className: 'state', textContent: text(lang, key) });
		message.setAttribute('role', 'status');
		message.dataset.state = state.kind === 'list' ? 'empty' : state.kind;
		add(box, message);
	}
	const source = el('p', { className: 'src' });
	const home = el('a', { textContent: text(lang, 'widget.source') });
	home.href = `${origin}/`;
	home.target = '_blank';
	home.rel = 'noopener';
	add(source, home);
	add(box, source);
	return box;
}
