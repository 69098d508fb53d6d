/**
 * The one XML 1.0 text escape, for everything that writes XML (the poster's SVG, CAP, Atom, PFIF). Escaping keeps
 * markup as text; characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and CR, lone
 * surrogates, U+FFFE/U+FFFF) are dropped, since one of them makes the whole document unreadable for every
 * consumer. The schemas refuse them at the edge; this catches text that came another way (old rows, a string cut
 * in the middle of a surrogate pair).
 */
const NOT_XML =
	// eslint-disable-next-line no-control-regex -- finding these controls is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITY: Record<string, string> = {
	'<': '&lt;',
	'>': '&gt;',
	'&': '&amp;',
	'"': '&quot;',
	"'": '&apos;'
};

export function escapeXml(text: string): string {
	return text.replace(NOT_XML, '').replace(/[<>&"']/g, (c) => ENTITY[c]!);
}
