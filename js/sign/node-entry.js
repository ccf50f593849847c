// jwtlens/sign, Node entry: signing and key generation over their own wasm (the verifying entries
// carry none of it). The wasm is compiled and instantiated synchronously at import; init() and
// initSync() exist so isomorphic code can call them.
import { readFileSync } from 'node:fs';
import * as bindings from './node.js';
import { _SIGN_BINDINGS, _bindingsHolder } from '../jwtlens.js';
import { _createSignApi } from '../sign.js';

const holder = _bindingsHolder('jwtlens/sign', _SIGN_BINDINGS);
// The web target's glue, instantiated synchronously from a module compiled here: it keeps the
// compiled module, so an instance that traps can be replaced (issue 15).
bindings.initSync({ module: new WebAssembly.Module(readFileSync(new URL('./jwtlens_bg.wasm', import.meta.url))) });
holder.install(bindings);

export const { importSigningKey, sign, signJws, publicJwk, generateKeyPair, generateSecret, toPem } = _createSignApi(holder);
export { SigningKey } from '../sign.js';
export { JwtError } from '../jwtlens.js';

/** Nothing to do in Node: the module is ready on import. Resolves at once. */
export default async function init() {}

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}
