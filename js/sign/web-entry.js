// jwtlens/sign, web entry: `await init()` once (sign/browser.js does it with top-level await).
import initWasm, { initSync as initWasmSync } from './web.js';
import * as bindings from './web.js';
import { _SIGN_BINDINGS, _bindingsHolder, _webInit } from '../jwtlens.js';
import { _createSignApi } from '../sign.js';

const holder = _bindingsHolder('jwtlens/sign', _SIGN_BINDINGS);

export const { importSigningKey, sign, signJws, publicJwk, generateKeyPair, generateSecret, toPem } = _createSignApi(holder);
export { SigningKey } from '../sign.js';
export { JwtError } from '../jwtlens.js';

const loader = _webInit(holder, bindings, initWasm, initWasmSync);

/** Loads the wasm (idempotent); see _webInit in jwtlens.js. */
export default function init(input) {
  return loader.init(input);
}

/** Instantiates the wasm synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(input) {
  loader.initSync(input);
}
