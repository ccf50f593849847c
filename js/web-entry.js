// Web entry: the wasm has to be fetched (or given) before first use. `await init()` once;
// browser.js does that for you with top-level await.
import initWasm, { initSync as initWasmSync } from './web.js';
import * as bindings from './web.js';
import { _bindingsHolder, _createApi } from './jwtlens.js';

const holder = _bindingsHolder();

export const { decode, verify, verifyJws, importKey, inspect, sign, generateKeyPair, generateSecret, toPem, createRemoteJWKSet } = _createApi(holder);
export { JwtError, Key } from './jwtlens.js';

let ready = null;

// wasm-bindgen takes its input wrapped in an object ({ module_or_path } / { module }); a bare
// input is accepted here and wrapped, so callers need not know that.
function wrapped(input, member) {
  if (input === undefined) return undefined;
  if (input !== null && typeof input === 'object' && Object.prototype.hasOwnProperty.call(input, member)) return input;
  return { [member]: input };
}

/**
 * Loads the wasm: with no argument from `jwtlens_bg.wasm` next to this module; or from a URL,
 * a Response, the bytes or a compiled WebAssembly.Module. Idempotent: once the module is ready
 * (or while it is loading) every call returns the same promise.
 */
export default function init(input) {
  if (ready === null) {
    const loading = Promise.resolve()
      .then(() => initWasm(wrapped(input, 'module_or_path')))
      .then(() => {
        holder.install(bindings);
      });
    // A failed load may be retried by calling init() again.
    ready = loading.catch((e) => {
      ready = null;
      throw e;
    });
  }
  return ready;
}

/** Instantiates the wasm synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(input) {
  initWasmSync(wrapped(input, 'module'));
  holder.install(bindings);
  ready ??= Promise.resolve();
}
