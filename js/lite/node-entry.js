// jwtlens/lite, Node entry: decode, inspect and HMAC-only verify/verifyJws over the small
// HMAC-only wasm. JwtError and Key are the full package's classes (one shared module).
import { readFileSync } from 'node:fs';
import * as bindings from './node.js';
import { _bindingsHolder, _createApi } from '../jwtlens.js';

const holder = _bindingsHolder('jwtlens/lite');
// The web target's glue, instantiated synchronously from a module compiled here: it keeps the
// compiled module, so an instance that traps can be replaced (issue 15).
bindings.initSync({ module: new WebAssembly.Module(readFileSync(new URL('./jwtlens_bg.wasm', import.meta.url))) });
holder.install(bindings);

export const { decode, verify, verifyJws, importKey, createVerifier, inspect } = _createApi(holder);
// Moved to jwtlens/sign in 0.2.0: stubs that throw a TypeError naming it.
export const { sign, generateKeyPair, generateSecret, toPem } = _createApi.moved;
export { JwtError, Key } from '../jwtlens.js';

/** Nothing to do in Node: the module is ready on import. Resolves at once. */
export default async function init() {}

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}
