// jwtlens/sign, browser entry: loads the signing wasm with top-level await.
import init from './web-entry.js';

await init();

export * from './web-entry.js';
export { default } from './web-entry.js';
