import sveltekit from 'sveltekit-worker';
import { createWorker } from './app';

export default createWorker(sveltekit);
