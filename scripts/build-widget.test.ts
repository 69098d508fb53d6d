import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWidget } from './build-widget.mjs';

/** The budget for /widget.js, compressed as it travels. */
const BUDGET_GZIP_BYTES = 12 * 1024;

describe('the widget bundle', () => {
	it('stays within 12 KB gzip and keeps away from cookies and HTML parsing', async () => {
		const code: string = await buildWidget({ write: false });
		const gzipped = gzipSync(code, { level: 9 }).length;
		console.log(`widget.js: ${code.length} bytes, ${gzipped} bytes gzip`);
		expect(gzipped).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
		expect(code).toContain('reunion-alerts');
		expect(code).not.toMatch(/document\.cookie|innerHTML|insertAdjacentHTML|localStorage/);
		// One self-contained script: nothing else to load but the JSON it reads.
		expect(code).not.toMatch(/\bimport\s*\(|^import /m);
	});
});
