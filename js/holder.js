// The bindings holder of an entry (the wasm-bindgen namespace, installed once the wasm is ready,
// and the epoch that a reset after a trap renews) and init()/initSync() of the web entries.

/** What the verifying wasm (jwtlens, jwtlens/lite) exports. */
const VERIFY_BINDINGS = [
  'decodeIo', 'keyFromSecret', 'keyFromString', 'keyFromJwk', 'WasmOptions', 'WasmVerifier', 'verifierIo', 'verifyIo',
  'verifyColdIo', 'verifyJwsIo', 'verifyJwsColdIo', 'ioMemory', 'ioInput', 'ioOutput', 'ioOutputCapacity', 'ioOutputLength',
  'ioTakeError', 'inspect', 'inspectTooLarge', 'limits', 'pastedHead', 'pastedTail', 'selectJwk',
  '__wbg_reset_state',
];
/** What the signing wasm (jwtlens/sign) exports. */
export const _SIGN_BINDINGS = [
  'keyFromSecret', 'keyFromString', 'keyFromPrivateJwk', 'sign', 'signJws', 'publicJwk', 'generateKeyPair',
  'generateSecret', 'toPem', '__wbg_reset_state',
];

/**
 * Where an entry module keeps its wasm-bindgen namespace: installed once the wasm is ready (at
 * import in Node and Workers, after init() in browsers). Not part of the public API.
 *
 * `epoch` names the wasm instance in use: `reset()` replaces an instance that trapped with a fresh
 * one from the same compiled module (wasm-bindgen's `__wbg_reset_state`) and starts a new epoch, so
 * that every handle made before (a Key's WasmKey) is known to be stale and never reaches the new
 * instance's memory. `name` ('jwtlens', 'jwtlens/lite' or 'jwtlens/sign') is for the test hook;
 * `bindingNames` are the functions the entry's wasm must export.
 */
export function _bindingsHolder(name = 'jwtlens', bindingNames = VERIFY_BINDINGS) {
  let core = null;
  let epoch = {};
  let resetPending = false;
  return {
    name,
    install(bindings) {
      if (core !== null) return;
      if (bindings === null || typeof bindings !== 'object' || bindingNames.some((n) => typeof bindings[n] !== 'function')) {
        throw new TypeError('jwtlens: install() needs the wasm-bindgen bindings module');
      }
      core = bindings;
    },
    get() {
      if (core === null) {
        throw new TypeError('jwtlens is not initialised: call `await init()` (the default export) once before using it');
      }
      if (resetPending) {
        // The last reset failed (instantiation threw): try again before using the module.
        core.__wbg_reset_state();
        resetPending = false;
      }
      return core;
    },
    get epoch() {
      return epoch;
    },
    /** Replaces the instance after a trap. Throws when a fresh one cannot be made (tried again later). */
    reset() {
      epoch = {};
      resetPending = true;
      core.__wbg_reset_state();
      resetPending = false;
    },
  };
}

// Recovered traps (issue 15): a process-wide count that the tests and the robustness tools

/**
 * init()/initSync() for a web entry (web-entry.js and lite/web-entry.js): `initWasm` and
 * `initWasmSync` are the wasm-bindgen web target's, `bindings` its namespace. Not public API.
 */
export function _webInit(holder, bindings, initWasm, initWasmSync) {
  let ready = null;
  // wasm-bindgen takes its input wrapped in an object ({ module_or_path } / { module }); a bare
  // input is accepted here and wrapped, so callers need not know that.
  const wrapped = (input, member) => {
    if (input === undefined) return undefined;
    if (input !== null && typeof input === 'object' && Object.prototype.hasOwnProperty.call(input, member)) return input;
    return { [member]: input };
  };
  /**
   * Loads the wasm: with no argument from `jwtlens_bg.wasm` next to the entry; or from a URL, a
   * Response, the bytes or a compiled WebAssembly.Module. Idempotent: once the module is ready
   * (or while it is loading) every call returns the same promise.
   */
  function init(input) {
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
  function initSync(input) {
    initWasmSync(wrapped(input, 'module'));
    holder.install(bindings);
    ready ??= Promise.resolve();
  }
  return { init, initSync };
}
