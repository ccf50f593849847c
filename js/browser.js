// Browser entry ("browser"/"default" export conditions): loads the wasm with top-level await, so
// an import of 'jwtlens' is ready to call. `await init()` still works and resolves at once.
import init from './web-entry.js';

await init();

export * from './web-entry.js';
export { default } from './web-entry.js';
