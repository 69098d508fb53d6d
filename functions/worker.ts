import sveltekit from 'sveltekit-worker';
import { createWorker } from './app';

export default createWorker(sveltekit);
export { CellHub } from './live/cell-hub';
