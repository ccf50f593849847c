// jwtlens/lite, Workers entry (see lite/node-entry.js).
import * as bindings from './workerd.js';
import { _bindingsHolder, _createApi } from '../jwtlens.js';

const holder = _bindingsHolder('jwtlens/lite');
holder.install(bindings);

export const { decode, verify, verifyJws, importKey, createVerifier, inspect } = _createApi(holder);
// Moved to jwtlens/sign in 0.2.0: stubs that throw a TypeError naming it.
export const { sign, generateKeyPair, generateSecret, toPem } = _createApi.moved;
export { JwtError, Key } from '../jwtlens.js';

/** Nothing to do in Workers: the module is ready on import. Resolves at once. */
export default async function init() {}

/** Nothing to do in Workers: the module is ready on import. */
export function initSync() {}
