// Builds the embeddable widget (src/widget) into one self-contained script, served by the Worker at /widget.js.
import { build } from 'vite';

export const WIDGET_OUT = 'static/widget.js';

/** @param {{ write?: boolean }} [options] with write: false, returns the code instead of writing the file. */
export async function buildWidget({ write = true } = {}) {
	const result = await build({
		configFile: false,
		logLevel: 'warn',
		publicDir: false,
		build: {
			lib: {
				entry: 'src/widget/index.ts',
				formats: ['iife'],
				name: 'ReunionWidget',
				fileName: () => 'widget.js'
			},
			outDir: 'static',
			emptyOutDir: false,
			minify: true,
			target: 'es2022',
			write,
			copyPublicDir: false
		}
	});
	const outputs = Array.isArray(result) ? result : [result];
	const chunk = outputs
		.flatMap((output) => ('output' in output ? output.output : []))
		.find((item) => item.type === 'chunk');
	if (!chunk) throw new Error('the widget build produced no script');
	return chunk.code;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const code = await buildWidget();
	console.log(`✓ widget: ${WIDGET_OUT} (${code.length} bytes)`);
}
