// Node entry ("node" export condition): the bindings compile the wasm synchronously at import,
// so everything is ready to call; init()/initSync() exist so isomorphic code can call them.
import * as bindings from './node.js';
import { _install } from './jwtlens.js';

_install(bindings);

export * from './jwtlens.js';

/** Nothing to do in Node: the module is ready on import. Resolves at once. */
export default async function init() {}

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}
