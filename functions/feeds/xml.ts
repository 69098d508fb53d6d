import { escapeXml } from '../../src/lib/xml/escape';

// One escape for every XML this site writes (feeds here, the poster's SVG in src/lib/poster).
export { escapeXml };

/** `<name>text</name>` with the text escaped; `prefix:` names are passed through as written. */
export function element(name: string, value: string | number): string {
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `2026-11-25T05:00:00Z`, the UTC form Atom and PFIF use (no fraction: PFIF requires whole seconds). */
export function utcSeconds(iso: string): string {
	return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}
