// The pool's worker entry when the server runs from TypeScript sources (npm start, vitest): a
// worker thread starts without the TypeScript loader, so register tsx's, then load the worker.
// The compiled server (dist/) loads solve-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./solve-worker.ts');
export default worker.default;
