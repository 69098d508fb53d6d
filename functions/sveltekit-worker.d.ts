// wrangler.toml aliases this to the worker @sveltejs/adapter-cloudflare writes (.svelte-kit/cloudflare/_worker.js).
declare module 'sveltekit-worker' {
	const worker: ExportedHandler<import('./env').Env>;
	export default worker;
}
