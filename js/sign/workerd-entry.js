// jwtlens/sign, Cloudflare Workers entry ("workerd"/"worker" conditions): the bundler ships the
// wasm as a compiled module and the bindings instantiate it synchronously at import.
import * as bindings from './workerd.js';
import { _SIGN_BINDINGS, _bindingsHolder } from '../jwtlens.js';
import { _createSignApi } from '../sign.js';

const holder = _bindingsHolder('jwtlens/sign', _SIGN_BINDINGS);
holder.install(bindings);

export const { importSigningKey, sign, signJws, publicJwk, generateKeyPair, generateSecret, toPem } = _createSignApi(holder);
export { SigningKey } from '../sign.js';
export { JwtError } from '../jwtlens.js';

/** Nothing to do in Workers: the module is ready on import. Resolves at once. */
export default async function init() {}

/** Nothing to do in Workers: the module is ready on import. */
export function initSync() {}
