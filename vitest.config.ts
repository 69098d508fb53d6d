import { defineConfig } from 'vitest/config';

// Unit and property tests of pure modules (geo, schemas, push crypto), run in Node.
export default defineConfig({
	test: {
		include: [
			'src/**/*.test.ts',
			'functions/**/*.test.ts',
			'tests/support/**/*.test.ts',
			'tests/bench/**/*.test.ts',
			'scripts/**/*.test.ts',
			'tests/migrations/**/*.test.ts'
		],
		environment: 'node',
		testTimeout: 30_000
	}
});
