// jwtlens: the hand-written JavaScript layer shared by every entry point, assembled here from
// plain modules.
//
// The entry modules (node-entry.js, workerd-entry.js, web-entry.js, browser.js, and the same four
// under lite/) load the wasm-bindgen bindings for their platform into a `_bindingsHolder` and
// export the functions of `_createApi(holder)` together with the shared classes, so there is
// exactly one `JwtError` and one `Key` class whichever entries a bundler picked.
//
// What lives where (docs/ARCHITECTURE.md, "The wasm boundary"):
//   holder.js        the bindings holder of an entry, init()/initSync() of the web entries;
//   errors.js        JwtError; the boundary's `[code, message, claim, reason]` arrays turned into
//                    errors; the recovery from a trap;
//   checks.js        argument checks (misuse of the JS API is a TypeError, never crosses into wasm);
//   io.js            the lean crossing: the input and output buffers in wasm memory;
//   keys.js          Key, handle life cycles, key classification, importKey;
//   options.js       option normalisation into the JSON the core reads, durations, the clock;
//   tokens.js        decode, verify, verifyJws, inspect;  verifier.js  createVerifier;
//   remote.js        createRemoteJWKSet (its HTTP side in remote-fetch.js).
// Each API function takes the entry's holder first; _createApi binds them per entry. A new API
// function is one export in its module, one line in _createApi, its name in the entries' export lists
// and its types in the .d.ts (tests/js/suites/exports.test.mjs checks that they agree).
// Cryptography, parsing and every claim rule are in the Rust core.
import { JwtError, callCore, internals } from './errors.js';
import { describe, isPlainObject, jsonText, toStringTag } from './checks.js';
import { Key, SIGNING_KEY, addDispose, handleLifecycle, importKey, keyState, verifierLifecycle, verifierState } from './keys.js';
import { ioOf, outputText, writeInput } from './io.js';
import { DURATION, UNIT_SECONDS } from './options.js';
import { decode, inspect, verify, verifyJws } from './tokens.js';
import { createVerifier } from './verifier.js';
import { createRemoteJWKSet } from './remote.js';

export { JwtError, Key };
export { _SIGN_BINDINGS, _bindingsHolder, _webInit } from './holder.js';

/**
 * The public functions over one set of bindings: each module function bound to `holder` (the
 * arrows take their names from the keys). Each entry (the full one and jwtlens/lite) makes its
 * own, so the two can live in one program; JwtError and Key are shared, so `instanceof` holds
 * whichever entry made the object. Not part of the public API.
 */
export function _createApi(holder) {
  registerHooks(holder);
  return {
    decode: (token) => decode(holder, token),
    verify: (token, key, options) => verify(holder, token, key, options),
    verifyJws: (token, key, options) => verifyJws(holder, token, key, options),
    importKey: (input, alg) => importKey(holder, input, alg),
    createVerifier: (key, options) => createVerifier(holder, key, options),
    inspect: (token, options) => inspect(holder, token, options),
    createRemoteJWKSet: (url, options) => createRemoteJWKSet(holder, url, options),
  };
}

/** The test and bench hooks of `holder`'s entry, under the registered internals symbol. */
function registerHooks(holder) {
  const call = (fn) => callCore(holder, fn);
  internals().entries.set(holder.name, {
    /** Test hook: makes the module trap (0 panic, 1 allocation, 2 shadow stack, 3 call stack). */
    testTrap: (kind) => call(() => holder.get().__jwtlens_test_trap(kind)),
    /**
     * Bench hooks (bench/compare.mjs's breakdown): the core of decode / of a verifier run `n`
     * times inside wasm on one token (written once), so that the time per run is the core alone.
     */
    benchCore: {
      decode(token, n) {
        const st = ioOf(holder);
        const length = writeInput(st, token);
        return call(() => st.b.__jwtlens_bench_decode(length, st.limits.maxTokenBytes, n));
      },
      verifier(verifier, token, n, now) {
        const state = verifierState.get(verifier);
        const live = verifierLifecycle.live(state);
        const st = ioOf(state.holder);
        const length = writeInput(st, token);
        return callCore(state.holder, () => st.b.__jwtlens_bench_verifier(live, length, now, n));
      },
      /** The crossing alone: the token written into the input and an empty call, `n` times. */
      crossing(token, n) {
        const st = ioOf(holder);
        let sink = 0;
        for (let i = 0; i < n; i++) sink += writeInput(st, token) + st.b.ioOutputLength();
        return sink;
      },
      /** The result building alone: the last call's output decoded and parsed, `n` times. */
      result(n) {
        const st = ioOf(holder);
        const length = st.b.ioOutputLength();
        let sink = 0;
        for (let i = 0; i < n; i++) sink += JSON.parse(outputText(st, length)).length;
        return sink;
      },
    },
  });
}

// Signing moved to jwtlens/sign in 0.2.0. The old names stay exported from jwtlens and
// jwtlens/lite as stubs, so that an old import fails with the fix in the message rather than
// with a link error or `undefined is not a function`.
const movedToSign = (name) => ({
  [name]() {
    throw new TypeError(`${name}() is in jwtlens/sign since jwtlens 0.2.0 (so that verifiers do not download signing code): import { ${name} } from 'jwtlens/sign'`);
  },
})[name];
_createApi.moved = Object.freeze({
  sign: movedToSign('sign'),
  generateKeyPair: movedToSign('generateKeyPair'),
  generateSecret: movedToSign('generateSecret'),
  toPem: movedToSign('toPem'),
});

// Shared with sign.js (jwtlens/sign), which builds its API from the same pieces. Not public API:
// the entries re-export only their own names.
export {
  callCore as _callCore,
  describe as _describe,
  internals as _internals,
  isPlainObject as _isPlainObject,
  jsonText as _jsonText,
  keyState as _keyState,
  SIGNING_KEY as _SIGNING_KEY,
  DURATION as _DURATION,
  addDispose as _addDispose,
  handleLifecycle as _handleLifecycle,
  UNIT_SECONDS as _UNIT_SECONDS,
  toStringTag as _toStringTag,
};
