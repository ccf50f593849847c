// Keys: the Key class and the life cycle of every object that owns a wasm handle (Key, a
// verifier, jwtlens/sign's SigningKey), the classification of a KeyInput, and importKey.
import { callCore } from './errors.js';
import { describe, isPlainObject, toStringTag } from './checks.js';

// Key → { handle: WasmKey | null, holder, epoch }. A WeakMap rather than a property, so that only
// objects made by importKey() count as a Key. `epoch` is the holder's when the key was made: after
// a trap the holder has a new one, and the handle belongs to memory that no longer exists.
export const keyState = new WeakMap();
/** Whether a key's handle belongs to an instance that a trap has since replaced. */
export const isStale = (state) => state.epoch !== state.holder.epoch;
const CONSTRUCT = Symbol('jwtlens.Key');

/**
 * The life cycle of a class whose instances own a WasmKey, kept in `states` (Key here, SigningKey
 * in sign.js): free() and the live-handle check, with messages that name the class and the
 * function that imports one. Not public API.
 */
export function handleLifecycle(states, className, importName, verb = 'import') {
  return {
    /** Releases the handle; a second call does nothing. */
    free(owner) {
      const state = states.get(owner);
      if (state === undefined) throw new TypeError(`free() called on something that is not a jwtlens ${className}`);
      const handle = state.handle;
      state.handle = null;
      // A handle from a replaced instance frees nothing: its memory is gone, and the same address
      // in the new instance belongs to something else.
      if (handle !== null && !isStale(state)) handle.free();
    },
    /** The live handle, or the TypeError that says why there is none. */
    live(state) {
      if (state.handle === null) throw new TypeError(`the ${className} has been freed; ${verb} it again with ${importName}()`);
      if (isStale(state)) {
        throw new TypeError(`this ${className} belongs to a jwtlens module instance that was reset after an internal error (ERR_JWTLENS_INTERNAL); ${verb} it again with ${importName}()`);
      }
      return state.handle;
    },
  };
}

/** `using` support: `[Symbol.dispose]()` calls free(), where the runtime has the symbol. */
export function addDispose(proto) {
  if (typeof Symbol.dispose === 'symbol') {
    Object.defineProperty(proto, Symbol.dispose, {
      value: function dispose() {
        this.free();
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

const keyLifecycle = handleLifecycle(keyState, 'Key', 'importKey');

// A verifier function (createVerifier) → { handle: WasmVerifier | null, holder, epoch }, as keyState.
export const verifierState = new WeakMap();
export const verifierLifecycle = handleLifecycle(verifierState, 'verifier', 'createVerifier', 'create');

/** How a key given with the token is written into the input (src/wasm/verify.rs, cold_key). */
export const COLD_KIND = { string: 0, bytes: 1, jwk: 2 };

/**
 * A key prepared once by importKey() for verifying many tokens. It owns memory inside the wasm
 * instance: free() releases it at once (a `using` declaration does it at the end of the scope);
 * otherwise it is released when the Key is garbage-collected.
 */
export class Key {
  constructor(token, handle, owner) {
    if (token !== CONSTRUCT) throw new TypeError('a Key is made by importKey(), not by new Key()');
    keyState.set(this, { handle, holder: owner, epoch: owner.epoch });
  }

  /** Releases the key's memory. Using the Key afterwards is a TypeError; a second free() does nothing. */
  free() {
    keyLifecycle.free(this);
  }
}
addDispose(Key.prototype);

/** A Key owning `handle`, a WasmKey the core made in `holder`'s instance. */
export const keyOfHandle = (holder, handle) => new Key(CONSTRUCT, handle, holder);

/** The live handle of a Key, or the TypeError that says why there is none. */
export const liveHandle = (state) => keyLifecycle.live(state);

/** The brand of jwtlens/sign's SigningKey (sign.js), so that this module need not import it. */
export const SIGNING_KEY = Symbol.for('jwtlens.SigningKey');
const isSigningKey = (x) => x !== null && typeof x === 'object' && x[SIGNING_KEY] === true;

/**
 * Checks a KeyInput without touching wasm. Returns a description the key is later built from, so
 * that every TypeError is thrown before any work is done.
 */
export function classifyKey(input, what) {
  if (keyState.has(input)) return { kind: 'key', key: input };
  if (isSigningKey(input)) {
    throw new TypeError(`${what} is a SigningKey from jwtlens/sign, which signs; to verify, pass the public key (publicJwk() of jwtlens/sign gives it) or import it with importKey() from jwtlens`);
  }
  if (typeof input === 'string') return { kind: 'string', value: input };
  if (toStringTag(input) === '[object Uint8Array]') return { kind: 'bytes', value: input };
  if (isPlainObject(input)) {
    let text;
    try {
      text = JSON.stringify(input);
    } catch (e) {
      throw new TypeError(`${what} is a JWK object that cannot be serialised as JSON: ${e && e.message}`);
    }
    return { kind: 'jwk', value: text };
  }
  if (typeof input === 'object' && input !== null && /^\[object (CryptoKey|KeyObject)\]$/.test(toStringTag(input))) {
    throw new TypeError(`${what} is ${describe(input)}; jwtlens takes a PEM string, a secret (string or Uint8Array), a JWK, a JWKS or a Key from importKey()`);
  }
  throw new TypeError(`${what} must be a string (PEM or secret), a Uint8Array, a JWK or JWKS object, or a Key from importKey(); got ${describe(input)}`);
}

/** Makes a WasmKey from a classified non-Key input (the caller frees it). */
export function buildWasmKey(holder, b, source, alg) {
  switch (source.kind) {
    case 'string':
      return callCore(holder, () => b.keyFromString(source.value, alg));
    case 'bytes':
      return callCore(holder, () => b.keyFromSecret(source.value, alg));
    default:
      return callCore(holder, () => b.keyFromJwk(source.value, alg));
  }
}

/**
 * Parses a key once for verifying many tokens. With `alg` the key is bound to that algorithm;
 * without it any algorithm of the key's family may be used, still subject to options.algorithms.
 */
export function importKey(holder, input, alg) {
  if (alg !== undefined && typeof alg !== 'string') throw new TypeError(`alg must be a string such as "RS256"; got ${describe(alg)}`);
  const source = classifyKey(input, 'input');
  if (source.kind === 'key') {
    // Already imported: there is nothing to parse again, and a Key cannot be re-bound.
    if (alg !== undefined) throw new TypeError('importKey(key, alg): the input is already a Key; import the original key material with the algorithm instead');
    liveHandle(keyState.get(source.key));
    return source.key;
  }
  // A private JWK verifies with its public members (the core ignores the private ones).
  const b = holder.get();
  return new Key(CONSTRUCT, buildWasmKey(holder, b, source, alg), holder);
}
