// Node entry ("node" export condition): the wasm is compiled and instantiated synchronously at import,
// so everything is ready to call; init()/initSync() exist so isomorphic code can call them.
import { readFileSync } from 'node:fs';
import * as bindings from './node.js';
import { _bindingsHolder, _createApi } from './jwtlens.js';

const holder = _bindingsHolder('jwtlens');
// The web target's glue, instantiated synchronously from a module compiled here: it keeps the
// compiled module, so an instance that traps can be replaced (issue 15).
bindings.initSync({ module: new WebAssembly.Module(readFileSync(new URL('./jwtlens_bg.wasm', import.meta.url))) });
holder.install(bindings);

export const { decode, verify, verifyJws, importKey, createVerifier, inspect, createRemoteJWKSet } = _createApi(holder);
// Moved to jwtlens/sign in 0.2.0: stubs that throw a TypeError naming it.
export const { sign, generateKeyPair, generateSecret, toPem } = _createApi.moved;
export { JwtError, Key } from './jwtlens.js';

/** Nothing to do in Node: the module is ready on import. Resolves at once. */
export default async function init() {}

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}
