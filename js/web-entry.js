// Web entry: the wasm has to be fetched (or given) before first use. `await init()` once;
// browser.js does that for you with top-level await.
import initWasm, { initSync as initWasmSync } from './web.js';
import * as bindings from './web.js';
import { _bindingsHolder, _createApi, _webInit } from './jwtlens.js';

const holder = _bindingsHolder('jwtlens');

export const { decode, verify, verifyJws, importKey, createVerifier, inspect, createRemoteJWKSet } = _createApi(holder);
// Moved to jwtlens/sign in 0.2.0: stubs that throw a TypeError naming it.
export const { sign, generateKeyPair, generateSecret, toPem } = _createApi.moved;
export { JwtError, Key } from './jwtlens.js';

const loader = _webInit(holder, bindings, initWasm, initWasmSync);

/** Loads the wasm (idempotent); see _webInit in jwtlens.js. */
export default function init(input) {
  return loader.init(input);
}

/** Instantiates the wasm synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(input) {
  loader.initSync(input);
}
