import { createWorker } from '../../functions/create-worker';

// The production entry (functions/worker.ts) with pages left out; everything else is the same Worker.
export default createWorker({
	fetch: async () => new Response('pages are not served in worker tests', { status: 404 })
});
export { CellHub } from '../../functions/live/cell-hub';
