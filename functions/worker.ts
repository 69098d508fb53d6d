import sveltekit from 'sveltekit-worker';
import { createWorker } from './create-worker';

export default createWorker(sveltekit);
export { CellHub } from './live/cell-hub';
