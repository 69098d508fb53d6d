/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). ECMAScript's JSON serialisation of strings and numbers is exactly
 * what the RFC prescribes (§3.2.2.2, §3.2.2.3), so only the member order (UTF-16 code units, §3.2.3) and the
 * refusal of values JSON cannot carry are added here. Shared by the Worker (signing) and the widget (verifying).
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value === 'boolean') return JSON.stringify(value);
	if (typeof value === 'number') {
		// §3.2.2.3: NaN and Infinity have no JSON form; JSON.stringify would quietly write null.
		if (!Number.isFinite(value)) throw new TypeError('JCS: a number must be finite');
		return JSON.stringify(value);
	}
	if (typeof value === 'string') {
		// §3.2.2.2 with I-JSON (RFC 7493): lone surrogates are not valid Unicode text.
		if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
			throw new TypeError('JCS: a string must not hold a lone surrogate');
		}
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
	if (typeof value === 'object') {
		const members = Object.entries(value as Record<string, unknown>)
			// Members whose value is undefined are absent in JSON, as JSON.stringify treats them.
			.filter(([, member]) => member !== undefined)
			// The default sort compares UTF-16 code units, which §3.2.3 requires (not code points, not locale).
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, member]) => `${canonicalJson(key)}:${canonicalJson(member)}`);
		return `{${members.join(',')}}`;
	}
	throw new TypeError(`JCS: ${typeof value} has no JSON form`);
}
