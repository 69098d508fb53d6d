/**
 * XML text from anything an officer typed. Escaping keeps markup as text; characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped, since one of them would make the whole
 * document unreadable for every consumer.
 */
const NOT_XML =
	// eslint-disable-next-line no-control-regex -- finding these controls is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
	return text
		.replace(NOT_XML, '')
		.replace(
			/[<>&"']/g,
			(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!
		);
}

/** `<name>text</name>` with the text escaped; `prefix:` names are passed through as written. */
export function element(name: string, value: string | number): string {
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `2026-11-25T05:00:00Z`, the UTC form Atom and PFIF use (no fraction: PFIF requires whole seconds). */
export function utcSeconds(iso: string): string {
	return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}
