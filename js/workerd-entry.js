// Cloudflare Workers entry ("workerd"/"worker" export conditions): the bundler ships the wasm as
// a compiled module and the bindings instantiate it synchronously at import, so everything is
// ready to call; init()/initSync() exist so isomorphic code can call them.
import * as bindings from './workerd.js';
import { _bindingsHolder, _createApi } from './jwtlens.js';

const holder = _bindingsHolder('jwtlens');
holder.install(bindings);

export const { decode, verify, verifyJws, importKey, createVerifier, inspect, createRemoteJWKSet } = _createApi(holder);
// Moved to jwtlens/sign in 0.2.0: stubs that throw a TypeError naming it.
export const { sign, generateKeyPair, generateSecret, toPem } = _createApi.moved;
export { JwtError, Key } from './jwtlens.js';

/** Nothing to do in Workers: the module is ready on import. Resolves at once. */
export default async function init() {}

/** Nothing to do in Workers: the module is ready on import. */
export function initSync() {}
