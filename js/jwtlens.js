// jwtlens: the hand-written JavaScript layer shared by every entry point.
//
// The entry modules (node-entry.js, workerd-entry.js, web-entry.js, browser.js, and the same four
// under lite/) load the wasm-bindgen bindings for their platform into a `_bindingsHolder` and
// export the functions of `_createApi(holder)` together with this module's classes, so there is
// exactly one `JwtError` and one `Key` class whichever entries a bundler picked.
//
// What lives here (docs/ARCHITECTURE.md, "The wasm boundary"):
//   - argument checks: misuse of the JS API is a TypeError and never crosses into wasm;
//   - option normalisation into the `optionsJson` text the core reads;
//   - key classification (Key, PEM/secret string, secret bytes, JWK, JWKS);
//   - turning the `[code, message, claim, reason]` arrays the boundary throws into errors;
//   - JSON.parse of the header and payload texts the core has already validated.
// Cryptography, parsing and every claim rule are in the Rust core.

// ---------------------------------------------------------------------------------------------
// Bindings

/** What the verifying wasm (jwtlens, jwtlens/lite) exports. */
const VERIFY_BINDINGS = [
  'decodeIo', 'keyFromSecret', 'keyFromString', 'keyFromJwk', 'WasmOptions', 'WasmVerifier', 'verifierIo', 'verifyIo',
  'verifyColdIo', 'verifyJwsIo', 'verifyJwsColdIo', 'ioMemory', 'ioInput', 'ioOutput', 'ioOutputCapacity', 'ioOutputLength',
  'ioTakeError', 'inspect',
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
// (bench/stress.mjs, the conformance runner) read and fail on, and the test hook that forces a
// trap through an entry's own recovery path. Under a registered symbol, outside the public API.
const INTERNALS = Symbol.for('jwtlens.internals');
function internals() {
  let o = globalThis[INTERNALS];
  if (o === undefined) {
    o = { recoveredTraps: 0, lastTrap: null, entries: new Map() };
    Object.defineProperty(globalThis, INTERNALS, { value: o, configurable: true, enumerable: false, writable: false });
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * Every failure jwtlens reports (misuse of the API aside, which is a TypeError). `code` is one of
 * the contract's ERR_* codes, named as in jose; claim failures also carry `claim` and `reason`.
 */
export class JwtError extends Error {
  constructor(code, message, options) {
    super(message, options !== undefined && options !== null && 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    if (options !== undefined && options !== null) {
      if (options.claim !== undefined) this.claim = options.claim;
      if (options.reason !== undefined) this.reason = options.reason;
    }
  }
}
Object.defineProperty(JwtError.prototype, 'name', { value: 'JwtError', writable: true, configurable: true, enumerable: false });

/**
 * Runs a binding call and turns what the boundary throws into the contract's errors. A trap (the
 * module's own `unreachable` or out-of-bounds access, or its call stack running out) leaves the
 * instance in an unknown state: it is replaced before the error goes out, so the next call runs on
 * a fresh one, and the error is ERR_JWTLENS_INTERNAL with the trap as its cause.
 */
function callCore(holder, fn) {
  try {
    return fn();
  } catch (thrown) {
    throw coreError(holder, thrown);
  }
}

/** What a binding call of `holder`'s module threw, as the error to give the caller (see callCore). */
function coreError(holder, thrown) {
  return isTrap(thrown) ? recoverFromTrap(holder, thrown) : translateThrown(thrown);
}

function isTrap(e) {
  if (typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError) return true;
  // V8's wasm stack overflow; JS code in the glue cannot recurse that deep.
  return e instanceof RangeError && /call stack/i.test(String(e.message));
}

function recoverFromTrap(holder, trap) {
  let after = 'the module was replaced, so later calls run on a fresh instance (keys imported before must be imported again)';
  try {
    holder.reset();
  } catch (e) {
    after = `replacing the module failed too (${e && e.message}); the next call tries again`;
  }
  const o = internals();
  o.recoveredTraps++;
  o.lastTrap = trap;
  return new JwtError('ERR_JWTLENS_INTERNAL', `jwtlens: the WebAssembly module trapped (${trap.name}: ${trap.message}), a bug in jwtlens; this call failed and ${after}`, { cause: trap });
}

function translateThrown(thrown) {
  // The boundary throws [code, message, claim, reason]. Anything else (a WebAssembly.RuntimeError,
  // a RangeError from the glue) is a bug and goes out unchanged.
  if (!Array.isArray(thrown) || typeof thrown[0] !== 'string') return thrown;
  const [code, message, claim, reason] = thrown;
  const text = typeof message === 'string' ? message : code;
  if (code === 'TypeError') return new TypeError(text);
  const details = {};
  if (typeof claim === 'string') details.claim = claim;
  if (typeof reason === 'string') details.reason = reason;
  return new JwtError(code, text, details);
}

// ---------------------------------------------------------------------------------------------
// The lean crossing (src/wasm/io.rs)
//
// Every per-token call writes the token (and a key given with it) into one input buffer inside
// the wasm memory with encodeInto, passes lengths and numbers, and reads one JSON text back from
// the output buffer. The state below is per wasm instance: a reset after a trap makes a new one,
// and with it go the cached options handles (they lived in the old instance's memory).

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ioStates = new WeakMap();

/** The io state of `holder`'s current instance. */
function ioOf(holder) {
  const b = holder.get();
  let st = ioStates.get(holder);
  if (st === undefined || st.epoch !== holder.epoch) {
    st = { epoch: holder.epoch, b, memory: b.ioMemory(), bytes: null, input: null, inPtr: 0, inCap: 0, outPtr: 0, outCap: -1, keyLength: 0, options: { jwt: null, jws: null } };
    ioStates.set(holder, st);
  }
  return st;
}

/** The whole memory as bytes; renewed when the memory has grown (the old view is then empty). */
function memoryBytes(st) {
  if (st.bytes === null || st.bytes.byteLength === 0) st.bytes = new Uint8Array(st.memory.buffer);
  return st.bytes;
}

/** A view of the input buffer with room for `need` bytes. */
function inputFor(st, need) {
  // A buffer grown for one huge token is given back once tokens are small again (io.rs shrinks it).
  if (need > st.inCap || (st.inCap > 1 << 20 && need <= 1 << 16)) {
    const cap = need > st.inCap ? Math.max(need, 2 * st.inCap, 4096) : need;
    st.inPtr = st.b.ioInput(cap);
    st.inCap = cap;
    st.input = null;
  }
  if (st.input === null || st.input.byteLength === 0) st.input = new Uint8Array(st.memory.buffer, st.inPtr, st.inCap);
  return st.input;
}

/**
 * Writes `token` into the input, after a key when one is given (`keyKind` 0: a string, 1: bytes,
 * 2: JWK JSON text; its length goes to `st.keyLength`). Returns the bytes written in all. A JS
 * string of n UTF-16 code units is at most 3n UTF-8 bytes.
 */
function writeInput(st, token, keyKind, keyValue) {
  if (keyKind === undefined) {
    st.keyLength = 0;
    return encoder.encodeInto(token, inputFor(st, 3 * token.length)).written;
  }
  const keyMax = keyKind === 1 ? keyValue.length : 3 * keyValue.length;
  const input = inputFor(st, keyMax + 3 * token.length);
  let at;
  if (keyKind === 1) {
    input.set(keyValue, 0);
    at = keyValue.length;
  } else {
    at = encoder.encodeInto(keyValue, input).written;
  }
  st.keyLength = at;
  return at + encoder.encodeInto(token, input.subarray(at)).written;
}

/** What an io call returns when it failed (src/wasm/io.rs, FAILED): the error is taken apart. */
const IO_FAILED = 0xffffffff;

/** The result `n` of an io call: itself, or the error the core reported, thrown. */
function ioResult(st, n) {
  if (n === IO_FAILED) throw translateThrown(st.b.ioTakeError());
  return n;
}

/**
 * The address of an output of `n` bytes. The output buffer keeps its address while outputs fit in
 * its capacity and it is at most 1 MiB (io.rs replaces a larger one): asked again only then.
 */
function outputAt(st, n) {
  if (n > st.outCap || st.outCap > 1 << 20) {
    st.outPtr = st.b.ioOutput();
    st.outCap = st.b.ioOutputCapacity();
  }
  return st.outPtr;
}

/** The first `n` bytes of the output as text. */
function outputText(st, n) {
  const at = outputAt(st, n);
  return decoder.decode(memoryBytes(st).subarray(at, at + n));
}

// ---------------------------------------------------------------------------------------------
// Keys

// Key → { handle: WasmKey | null, holder, epoch }. A WeakMap rather than a property, so that only
// objects made by importKey() count as a Key. `epoch` is the holder's when the key was made: after
// a trap the holder has a new one, and the handle belongs to memory that no longer exists.
const keyState = new WeakMap();
/** Whether a key's handle belongs to an instance that a trap has since replaced. */
const isStale = (state) => state.epoch !== state.holder.epoch;
const CONSTRUCT = Symbol('jwtlens.Key');

/**
 * The life cycle of a class whose instances own a WasmKey, kept in `states` (Key here, SigningKey
 * in sign.js): free() and the live-handle check, with messages that name the class and the
 * function that imports one. Not public API.
 */
function handleLifecycle(states, className, importName, verb = 'import') {
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
function addDispose(proto) {
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
const verifierState = new WeakMap();
const verifierLifecycle = handleLifecycle(verifierState, 'verifier', 'createVerifier', 'create');

/** How a key given with the token is written into the input (src/wasm/verify.rs, cold_key). */
const COLD_KIND = { string: 0, bytes: 1, jwk: 2 };

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

/** The live handle of a Key, or the TypeError that says why there is none. */
const liveHandle = (state) => keyLifecycle.live(state);


const toStringTag = (x) => Object.prototype.toString.call(x);

/** The brand of jwtlens/sign's SigningKey (sign.js), so that this module need not import it. */
const SIGNING_KEY = Symbol.for('jwtlens.SigningKey');
const isSigningKey = (x) => x !== null && typeof x === 'object' && x[SIGNING_KEY] === true;

function isPlainObject(x) {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  // Object.prototype of this realm or of another one (its own prototype is null), or none.
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

function describe(x) {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') {
    const tag = toStringTag(x).slice(8, -1);
    return tag === 'Object' ? 'an object that is not a plain object' : `a ${tag}`;
  }
  return typeof x === 'undefined' ? 'undefined' : `a ${typeof x}`;
}

// Duration strings, in the grammar jose's `secs` accepts: an optional sign, a decimal number, a
// unit word, and optionally "ago" / "from now"; at most one space between the parts, any letter
// case, nothing around them. "ago" or "-" makes it negative, which no jwtlens option allows.
const DURATION = /^(?:([+-]) ?)?(\d+(?:\.\d+)?) ?([a-z]+)(?: (ago|from now))?$/i;
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_SECONDS = new Map();
for (const [seconds, names] of [
  [1, ['s', 'sec', 'secs', 'second', 'seconds']],
  [MINUTE, ['m', 'min', 'mins', 'minute', 'minutes']],
  [HOUR, ['h', 'hr', 'hrs', 'hour', 'hours']],
  [DAY, ['d', 'day', 'days']],
  [7 * DAY, ['w', 'week', 'weeks']],
  [365.25 * DAY, ['y', 'yr', 'yrs', 'year', 'years']],
]) {
  for (const name of names) UNIT_SECONDS.set(name, seconds);
}

/**
 * Checks a KeyInput without touching wasm. Returns a description the key is later built from, so
 * that every TypeError is thrown before any work is done.
 */
function classifyKey(input, what) {
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
function buildWasmKey(holder, b, source, alg) {
  switch (source.kind) {
    case 'string':
      return callCore(holder, () => b.keyFromString(source.value, alg));
    case 'bytes':
      return callCore(holder, () => b.keyFromSecret(source.value, alg));
    default:
      return callCore(holder, () => b.keyFromJwk(source.value, alg));
  }
}

/** JSON.stringify for caller-supplied objects: a cycle or a too-deep object is a TypeError. */
function jsonText(value, what) {
  try {
    return JSON.stringify(value);
  } catch (e) {
    throw new TypeError(`${what} cannot be serialised as JSON: ${e && e.message}`);
  }
}

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

/**
 * The public functions over one set of bindings. Each entry (the full one and jwtlens/lite)
 * makes its own, so the two can live in one program; JwtError and Key above are shared, so
 * `instanceof` holds whichever entry made the object. Not part of the public API.
 */
export function _createApi(holder) {
  const bindings = () => holder.get();
  const call = (fn) => callCore(holder, fn);
  /** Frees a temporary handle, unless a trap replaced the instance that made it. */
  const freeTemporary = (handle, epoch) => {
    if (epoch === holder.epoch) handle.free();
  };
  internals().entries.set(holder.name, {
    /** Test hook: makes the module trap (0 panic, 1 allocation, 2 shadow stack, 3 call stack). */
    testTrap: (kind) => call(() => bindings().__jwtlens_test_trap(kind)),
    /**
     * Bench hooks (bench/compare.mjs's breakdown): the core of decode / of a verifier run `n`
     * times inside wasm on one token (written once), so that the time per run is the core alone.
     */
    benchCore: {
      decode(token, n) {
        const st = ioOf(holder);
        const length = writeInput(st, token);
        return call(() => st.b.__jwtlens_bench_decode(length, DEFAULT_MAX_TOKEN_BYTES, n));
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

  // ---------------------------------------------------------------------------------------------
  // Options

  const DEFAULT_MAX_TOKEN_BYTES = 262144;

  /** A non-negative number of seconds from a number or a duration string; a TypeError otherwise. */
  function durationSeconds(value, name) {
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
        throw new TypeError(`options.${name} must be a non-negative number of seconds or a duration such as "30s" or "5m"; got ${value}`);
      }
      return value;
    }
    if (typeof value !== 'string') {
      throw new TypeError(`options.${name} must be a number of seconds or a duration string such as "30s"; got ${describe(value)}`);
    }
    const m = DURATION.exec(value);
    const unit = m === null ? undefined : UNIT_SECONDS.get(m[3].toLowerCase());
    if (m === null || unit === undefined || (m[1] !== undefined && m[4] !== undefined)) {
      throw new TypeError(`options.${name}: ${JSON.stringify(value)} is not a duration (examples: "30s", "5 min", "1.5h", "2 days")`);
    }
    if (m[1] === '-' || (m[4] !== undefined && m[4].toLowerCase() === 'ago')) {
      throw new TypeError(`options.${name} must not be negative; got ${JSON.stringify(value)}`);
    }
    const seconds = Math.round(Number.parseFloat(m[2]) * unit);
    if (!Number.isSafeInteger(seconds)) throw new TypeError(`options.${name}: ${JSON.stringify(value)} is too large`);
    return seconds;
  }

  function stringList(value, name, { allowEmpty }) {
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw new TypeError(`options.${name} must be a string or an array of strings; got ${describe(value)}`);
    }
    if (!allowEmpty && value.length === 0) throw new TypeError(`options.${name} must not be an empty array (nothing could match)`);
    return [...value];
  }

  function optionalString(value, name) {
    if (value === undefined) return null;
    if (typeof value !== 'string') throw new TypeError(`options.${name} must be a string; got ${describe(value)}`);
    return value;
  }

  function secondsNow(currentDate) {
    if (currentDate === undefined) return Math.floor(Date.now() / 1000);
    let seconds;
    if (toStringTag(currentDate) === '[object Date]') {
      seconds = Date.prototype.getTime.call(currentDate) / 1000;
    } else if (typeof currentDate === 'number') {
      seconds = currentDate;
    } else {
      throw new TypeError(`options.currentDate must be a Date or a number of seconds since the epoch; got ${describe(currentDate)}`);
    }
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`options.currentDate must be a valid time at or after 1970-01-01; got ${String(currentDate)}`);
    }
    return Math.floor(seconds);
  }

  function critNames(crit) {
    if (crit === undefined) return [];
    if (crit === null || typeof crit !== 'object' || Array.isArray(crit)) {
      throw new TypeError(`options.crit must be an object mapping header names to true; got ${describe(crit)}`);
    }
    const names = [];
    for (const [name, understood] of Object.entries(crit)) {
      if (typeof understood !== 'boolean') throw new TypeError(`options.crit.${name} must be a boolean; got ${describe(understood)}`);
      if (understood) names.push(name);
    }
    return names;
  }

  function maxTokenBytesOf(value) {
    if (value === undefined) return DEFAULT_MAX_TOKEN_BYTES;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`options.maxTokenBytes must be a positive integer; got ${typeof value === 'number' ? value : describe(value)}`);
    }
    return value;
  }

  /**
   * Checks `options` and returns the object the core reads as options JSON (`currentDate` is not
   * in it: the time goes with each token, see `callTime`). With `claims: false` (verifyJws) the
   * claim members are not looked at and keep their defaults, since the core ignores them there.
   */
  function normaliseOptions(options, { claims }) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError(`options must be an object with at least { algorithms: [...] }; got ${describe(options)}`);
    }
    const { algorithms, crit, maxTokenBytes, allowShortSecrets } = options;
    if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => typeof a !== 'string')) {
      throw new TypeError('options.algorithms is required: a non-empty array of algorithm names such as ["RS256"]');
    }
    if (allowShortSecrets !== undefined && typeof allowShortSecrets !== 'boolean') {
      throw new TypeError(`options.allowShortSecrets must be a boolean; got ${describe(allowShortSecrets)}`);
    }
    const out = {
      algorithms: [...algorithms],
      issuer: null,
      audience: null,
      subject: null,
      typ: null,
      clockTolerance: 0,
      maxTokenAge: null,
      requiredClaims: ['exp'],
      crit: critNames(crit),
      maxTokenBytes: maxTokenBytesOf(maxTokenBytes),
      allowShortSecrets: allowShortSecrets === true,
    };
    if (claims) {
      const { issuer, audience, subject, typ, clockTolerance, maxTokenAge, requiredClaims } = options;
      if (issuer !== undefined) out.issuer = stringList(issuer, 'issuer', { allowEmpty: false });
      if (audience !== undefined) out.audience = stringList(audience, 'audience', { allowEmpty: false });
      out.subject = optionalString(subject, 'subject');
      out.typ = optionalString(typ, 'typ');
      if (clockTolerance !== undefined) out.clockTolerance = durationSeconds(clockTolerance, 'clockTolerance');
      if (maxTokenAge !== undefined) out.maxTokenAge = durationSeconds(maxTokenAge, 'maxTokenAge');
      if (requiredClaims !== undefined) {
        if (!Array.isArray(requiredClaims) || requiredClaims.some((c) => typeof c !== 'string')) {
          throw new TypeError(`options.requiredClaims must be an array of claim names; got ${describe(requiredClaims)}`);
        }
        out.requiredClaims = [...requiredClaims];
      }
    }
    return out;
  }

  /** Two normalised options objects ask for the same checks (arrays compared element by element). */
  function sameOptions(a, b) {
    for (const name in a) {
      const x = a[name];
      const y = b[name];
      if (Array.isArray(x)) {
        if (!Array.isArray(y) || x.length !== y.length) return false;
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      } else if (x !== y) {
        return false;
      }
    }
    return true;
  }

  /**
   * The core's handle for normalised options `opts` in the instance of `st`. The last options of
   * each kind (JWT, JWS) are kept with their handle and reused only when `opts` is equal to them
   * member by member: `opts` is normalised afresh on every call (copies, never the caller's own
   * arrays), so an options object changed in place between calls is seen.
   */
  function optionsHandle(st, opts, claims) {
    const slot = claims ? 'jwt' : 'jws';
    const kept = st.options[slot];
    if (kept !== null && sameOptions(kept.opts, opts)) return kept.handle;
    const handle = new st.b.WasmOptions(JSON.stringify(opts));
    st.options[slot] = { opts, handle };
    if (kept !== null) kept.handle.free();
    return handle;
  }

  /** The time of a call: `currentDate` of the call's options, or the clock. */
  const callTime = (options) => secondsNow(options.currentDate);

  // ---------------------------------------------------------------------------------------------
  // Tokens

  function checkToken(token) {
    if (typeof token !== 'string') throw new TypeError(`token must be a string; got ${describe(token)}`);
  }

  function tooLarge(limit) {
    return new JwtError('ERR_JWT_INVALID', `token is larger than the ${limit}-byte limit (maxTokenBytes)`);
  }

  // A string of n UTF-16 code units is at least n UTF-8 bytes, so `length > limit` proves the token
  // is over the limit without encoding it (or copying a huge string into wasm). The core still
  // measures the exact byte length.
  function checkSize(token, limit) {
    if (token.length > limit) throw tooLarge(limit);
  }

  // decode() and inspect() tolerate whitespace around a pasted token and a "Bearer " prefix; they
  // do not count towards the size limit. The core trims them (token::trim_pasted); for a string
  // over the limit the same trimming is done here first, so that a small token inside megabytes of
  // whitespace is not copied into wasm, and one that is too large even without them is refused
  // without being copied at all. Whitespace is Rust's char::is_whitespace (Unicode White_Space),
  // not String.prototype.trim's set (which adds U+FEFF and lacks U+0085): both sides must agree.
  const BEARER = /^bearer +/i;

  /** char::is_whitespace for one UTF-16 code unit (every White_Space character is in the BMP). */
  function isCoreWhitespace(c) {
    return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
  }

  /** The leading run of char::is_whitespace characters. */
  const CORE_LEADING_WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

  /** str::trim of the core, linear and fast on megabytes of whitespace. */
  function coreTrim(s) {
    const from = CORE_LEADING_WS.exec(s)[0].length;
    // trimEnd() is native; its set differs from the core's only by U+FEFF (which the core keeps:
    // resume after the last one it removed) and U+0085 (which it keeps: the loop goes on).
    let to = s.trimEnd().length;
    for (let bom = s.indexOf('\ufeff', to); bom !== -1; bom = s.indexOf('\ufeff', bom + 1)) to = bom + 1;
    while (to > from && isCoreWhitespace(s.charCodeAt(to - 1))) to--;
    return from === 0 && to === s.length ? s : s.slice(from, Math.max(from, to));
  }

  /** token::trim_pasted of the core: the token without surrounding whitespace and "Bearer ". */
  function pastedBody(token) {
    const body = coreTrim(token);
    const bearer = BEARER.exec(body);
    return bearer === null ? body : coreTrim(body.slice(bearer[0].length));
  }

  /**
   * Splits and parses a compact JWS **without verifying it**: nothing here can be trusted until
   * verify() has checked the signature and the claims.
   */
  function decode(token) {
    checkToken(token);
    if (token.length > DEFAULT_MAX_TOKEN_BYTES) {
      token = coreTrim(token); // the core trims the same; "Bearer " is left to it
      // n UTF-16 code units are at least n UTF-8 bytes: over the limit without encoding it
      if (pastedBody(token).length > DEFAULT_MAX_TOKEN_BYTES) throw tooLarge(DEFAULT_MAX_TOKEN_BYTES);
    }
    const st = ioOf(holder);
    let length;
    // the copy into wasm memory may need it to grow: inside the trap recovery, as the call
    const n = ioResult(st, call(() => {
      length = writeInput(st, token);
      return st.b.decodeIo(length, DEFAULT_MAX_TOKEN_BYTES);
    }));
    // [header, payload, start, dot1, dot2, end]: the segments' byte offsets in what was written
    const out = JSON.parse(outputText(st, n));
    const start = out[2];
    const dot1 = out[3];
    const dot2 = out[4];
    const end = out[5];
    let header;
    let payload;
    let signature;
    if (length === token.length) {
      // ASCII only (every character one byte): the offsets are string indices
      header = token.slice(start, dot1);
      payload = token.slice(dot1 + 1, dot2);
      signature = token.slice(dot2 + 1, end);
    } else {
      // non-ASCII whitespace around the token: read the segments from the input, still there
      // (through a view made now: the call may have grown the memory, detaching older views)
      const bytes = memoryBytes(st);
      const at = st.inPtr;
      header = decoder.decode(bytes.subarray(at + start, at + dot1));
      payload = decoder.decode(bytes.subarray(at + dot1 + 1, at + dot2));
      signature = decoder.decode(bytes.subarray(at + dot2 + 1, at + end));
    }
    return { header: out[0], payload: out[1], signature, segments: { header, payload, signature } };
  }

  /**
   * Runs a JWT verification of `token` with a classified key under normalised options `opts` at
   * `now`: a Key's handle on its own instance, any other key form given with the token.
   */
  function verifySource(token, source, opts, now) {
    // The options handle, the copy into wasm memory and the call, all inside the trap recovery
    // (each can allocate in wasm) and with the core's errors translated.
    if (source.kind === 'key') {
      const state = keyState.get(source.key);
      const handle = liveHandle(state);
      const keyHolder = state.holder;
      const st = ioOf(keyHolder);
      const n = ioResult(st, callCore(keyHolder, () => {
        const options = optionsHandle(st, opts, true);
        return st.b.verifyIo(handle, options, writeInput(st, token), now);
      }));
      return verifiedResult(st, n);
    }
    const st = ioOf(holder);
    const kind = COLD_KIND[source.kind];
    const n = ioResult(st, coldCall(st, () => {
      const options = optionsHandle(st, opts, true);
      const length = writeInput(st, token, kind, source.value);
      return st.b.verifyColdIo(kind, st.keyLength, options, length, now);
    }));
    return verifiedResult(st, n);
  }

  /**
   * `run()` with key material written into the input: the key's bytes are wiped from wasm memory
   * afterwards, however the call ends (a secret does not stay behind in a reused buffer).
   */
  function coldCall(st, run) {
    try {
      return call(run);
    } finally {
      if (st.epoch === holder.epoch && st.keyLength > 0) {
        memoryBytes(st).fill(0, st.inPtr, st.inPtr + st.keyLength);
        st.keyLength = 0;
      }
    }
  }

  /** The result of a JWT verification: the output is `[header, payload]`. */
  function verifiedResult(st, n) {
    const out = JSON.parse(outputText(st, n));
    return { payload: out[1], protectedHeader: out[0] };
  }

  /** Verifies a JWT: the signature with `key`, under `options.algorithms`, then its claims. */
  function verify(token, key, options) {
    checkToken(token);
    const source = classifyKey(key, 'key');
    const opts = normaliseOptions(options, { claims: true });
    const now = callTime(options);
    checkSize(token, opts.maxTokenBytes);
    return verifySource(token, source, opts, now);
  }

  /** Verifies a compact JWS whose payload may be any bytes; no JWT claim processing. */
  function verifyJws(token, key, options) {
    checkToken(token);
    const source = classifyKey(key, 'key');
    const opts = normaliseOptions(options, { claims: false });
    checkSize(token, opts.maxTokenBytes);
    let st;
    let headerLength;
    if (source.kind === 'key') {
      const state = keyState.get(source.key);
      const handle = liveHandle(state);
      st = ioOf(state.holder);
      headerLength = ioResult(st, callCore(state.holder, () => {
        const handleOptions = optionsHandle(st, opts, false);
        return st.b.verifyJwsIo(handle, handleOptions, writeInput(st, token));
      }));
    } else {
      st = ioOf(holder);
      const kind = COLD_KIND[source.kind];
      headerLength = ioResult(st, coldCall(st, () => {
        const handleOptions = optionsHandle(st, opts, false);
        const length = writeInput(st, token, kind, source.value);
        return st.b.verifyJwsColdIo(kind, st.keyLength, handleOptions, length);
      }));
    }
    // the output is the header's JSON text, then the payload bytes
    const total = st.b.ioOutputLength();
    const at = outputAt(st, total);
    const bytes = memoryBytes(st);
    return {
      payload: bytes.slice(at + headerLength, at + total),
      protectedHeader: JSON.parse(decoder.decode(bytes.subarray(at, at + headerLength))),
    };
  }

  /**
   * Parses a key once for verifying many tokens. With `alg` the key is bound to that algorithm;
   * without it any algorithm of the key's family may be used, still subject to options.algorithms.
   */
  function importKey(input, alg) {
    if (alg !== undefined && typeof alg !== 'string') throw new TypeError(`alg must be a string such as "RS256"; got ${describe(alg)}`);
    const source = classifyKey(input, 'input');
    if (source.kind === 'key') {
      // Already imported: there is nothing to parse again, and a Key cannot be re-bound.
      if (alg !== undefined) throw new TypeError('importKey(key, alg): the input is already a Key; import the original key material with the algorithm instead');
      liveHandle(keyState.get(source.key));
      return source.key;
    }
    // A private JWK verifies with its public members (the core ignores the private ones).
    const b = bindings();
    return new Key(CONSTRUCT, buildWasmKey(holder, b, source, alg), holder);
  }

  /**
   * Prepares `key` and `options` once (as fast-jwt's createVerifier): options are checked and
   * normalised here and held by the core, so each call passes only the token and the time. The
   * verifier holds its own copy of the key (freeing a Key afterwards does not affect it).
   */
  function createVerifier(key, options) {
    const source = classifyKey(key, 'key');
    if (options !== null && typeof options === 'object' && !Array.isArray(options) && options.currentDate !== undefined) {
      throw new TypeError('options.currentDate is not fixed at createVerifier(): pass it with each call, verifier(token, { currentDate })');
    }
    const opts = normaliseOptions(options, { claims: true });
    const maxTokenBytes = opts.maxTokenBytes;
    const optionsJson = JSON.stringify(opts);
    let keyHolder = holder;
    let handle;
    let temporary = null;
    const epoch = holder.epoch;
    if (source.kind === 'key') {
      const state = keyState.get(source.key);
      handle = liveHandle(state);
      keyHolder = state.holder;
    } else {
      temporary = buildWasmKey(holder, bindings(), source, undefined);
      handle = temporary;
    }
    let made;
    try {
      const b = keyHolder.get();
      made = callCore(keyHolder, () => {
        const wasmOptions = new b.WasmOptions(optionsJson);
        try {
          return new b.WasmVerifier(handle, wasmOptions);
        } finally {
          wasmOptions.free();
        }
      });
    } finally {
      if (temporary !== null) freeTemporary(temporary, epoch);
    }
    const state = { handle: made, holder: keyHolder, epoch: keyHolder.epoch };
    // the io state of the verifier's instance, looked up again only after a reset (new epoch)
    let st = null;
    const verifier = function verifier(token, callOptions) {
      if (typeof token !== 'string') checkToken(token);
      let now;
      if (callOptions === undefined) {
        now = Math.floor(Date.now() / 1000);
      } else {
        if (callOptions === null || typeof callOptions !== 'object' || Array.isArray(callOptions)) {
          throw new TypeError(`a verifier's options must be an object such as { currentDate }; got ${describe(callOptions)}`);
        }
        for (const name in callOptions) {
          if (name !== 'currentDate') {
            throw new TypeError(`a verifier takes only { currentDate } per call; options.${name} is fixed by createVerifier(key, options)`);
          }
        }
        now = secondsNow(callOptions.currentDate);
      }
      if (token.length > maxTokenBytes) throw tooLarge(maxTokenBytes);
      // the live handle: the common case inline, the TypeErrors in the life cycle's own check
      const epoch = keyHolder.epoch;
      const live = state.handle !== null && state.epoch === epoch ? state.handle : verifierLifecycle.live(state);
      if (st === null || st.epoch !== epoch) st = ioOf(keyHolder);
      let n;
      try {
        n = st.b.verifierIo(live, writeInput(st, token), now);
      } catch (thrown) {
        throw coreError(keyHolder, thrown);
      }
      if (n === IO_FAILED) throw translateThrown(st.b.ioTakeError());
      return verifiedResult(st, n);
    };
    verifierState.set(verifier, state);
    // bound to the verifier, not to `this`: `signal.addEventListener('abort', verifier.free)` works
    Object.defineProperty(verifier, 'free', {
      value: function free() {
        verifierLifecycle.free(verifier);
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
    addDispose(verifier);
    return verifier;
  }

  // ---------------------------------------------------------------------------------------------
  // Inspect

  const MAX_INSPECT_BYTES = 1048576;

  /** UTF-8 length of a string without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  /**
   * Explains a token: header, claims in plain words, times, status and security findings.
   * Never throws for a string: everything wrong with the token is a finding. It does not verify
   * the signature, except for the weak-secret checks of HS* tokens.
   */
  function inspect(token, options) {
    checkToken(token);
    let now;
    let secret;
    // null is "no options", as undefined: inspect never throws for a string token, and a caller
    // passing `options ?? null` means none
    if (options !== undefined && options !== null) {
      if (typeof options !== 'object' || Array.isArray(options)) {
        throw new TypeError(`options must be an object such as { now, secret }; got ${describe(options)}`);
      }
      if (options.now !== undefined) {
        if (typeof options.now !== 'number' || !Number.isFinite(options.now)) {
          throw new TypeError(`options.now must be a number of seconds since the epoch; got ${describe(options.now)}`);
        }
        now = options.now;
      }
      if (options.secret !== undefined) {
        if (typeof options.secret === 'string') secret = new TextEncoder().encode(options.secret);
        else if (toStringTag(options.secret) === '[object Uint8Array]') secret = options.secret;
        else throw new TypeError(`options.secret must be a string or a Uint8Array; got ${describe(options.secret)}`);
      }
    }
    // whole seconds, as verify() reads the clock: both then agree on secondsLeft
    if (now === undefined) now = Math.floor(Date.now() / 1000);
    // Over 1 MiB nothing is read: answer without copying the text into wasm.
    if (token.length > MAX_INSPECT_BYTES) {
      token = coreTrim(token);
      const bytes = utf8Length(pastedBody(token));
      if (bytes > MAX_INSPECT_BYTES) {
        return {
          kind: 'invalid', header: null, payload: null, segments: [], algorithm: null, claims: [],
          status: { state: 'unknown' },
          findings: [{
            code: 'malformed', severity: 'high', title: 'Input too large',
            detail: `the input is ${bytes} bytes; inspect reads at most ${MAX_INSPECT_BYTES} bytes (1 MiB)`, location: 'token',
          }],
          size: { bytes, header: 0, payload: 0, signature: 0 },
        };
      }
    }
    const b = bindings();
    return JSON.parse(call(() => b.inspect(token, now, secret)));
  }

  // ---------------------------------------------------------------------------------------------
  // Remote JWKS: createRemoteJWKSet
  //
  // The one asynchronous part of the API. A set fetches an issuer's JWKS with the platform's fetch
  // (looked up on globalThis at call time), keeps it in memory as one JWKS Key (importKey), and
  // hands every token to the synchronous core. The rules, after jose's createRemoteJWKSet:
  //   - the keys are fresh for cacheMaxAge ms after a successful fetch; a stale set is refetched
  //     before use, and if that refetch fails the stale keys are used (and the refetch is not
  //     retried within cooldownDuration of the failed attempt);
  //   - a token whose key is not in the set (ERR_JWKS_NO_MATCHING_KEY) triggers one refetch, unless
  //     any fetch started less than cooldownDuration ago; a refetch that still has no key for it is
  //     ERR_JWKS_NO_MATCHING_KEY, one that fails is its own error (the token may be valid: we could
  //     not tell);
  //   - concurrent callers share one in-flight fetch;
  //   - a fetch that has not delivered the whole body within timeoutDuration is aborted
  //     (ERR_JWKS_TIMEOUT); anything else wrong with the response is ERR_JWKS_INVALID.

  const JWKS_MAX_BYTES = 1048576;
  const MAX_TIMER_MS = 2147483647; // setTimeout's limit: larger delays fire at once
  // A waiter gives up on a shared fetch this long after the fetch's own timeout should have fired
  // (a safety net for runtimes that cancel the fetching request's timers, such as a Worker whose
  // first request went away).
  const SHARED_FETCH_GRACE_MS = 1000;

  // JWS algorithm → the JWK kty (and crv) that fits it: the contract's JWKS selection, for getKey.
  const JWK_FIT = new Map([
    ['HS256', ['oct']], ['HS384', ['oct']], ['HS512', ['oct']],
    ['RS256', ['RSA']], ['RS384', ['RSA']], ['RS512', ['RSA']],
    ['PS256', ['RSA']], ['PS384', ['RSA']], ['PS512', ['RSA']],
    ['ES256', ['EC', 'P-256']], ['ES384', ['EC', 'P-384']], ['ES512', ['EC', 'P-521']],
    ['EdDSA', ['OKP', 'Ed25519']], ['Ed25519', ['OKP', 'Ed25519']],
  ]);
  // Private members a served JWKS should never hold; getKey() drops them so its Key cannot sign.
  const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

  function monotonicNow() {
    const perf = globalThis.performance;
    return perf !== undefined && perf !== null && typeof perf.now === 'function' ? perf.now() : Date.now();
  }

  function remoteUrl(url) {
    let parsed;
    if (typeof url === 'string') {
      try {
        parsed = new URL(url);
      } catch {
        throw new TypeError(`createRemoteJWKSet: url ${JSON.stringify(url)} is not an absolute URL`);
      }
    } else if (url !== null && typeof url === 'object' && ((typeof URL === 'function' && url instanceof URL) || toStringTag(url) === '[object URL]')) {
      parsed = new URL(String(url.href));
    } else {
      throw new TypeError(`createRemoteJWKSet: url must be a string or a URL; got ${describe(url)}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new TypeError(`createRemoteJWKSet: url must be http(s); got ${JSON.stringify(parsed.protocol)}`);
    }
    if (parsed.username !== '' || parsed.password !== '') {
      throw new TypeError('createRemoteJWKSet: url must not contain credentials; pass an Authorization header in options.headers');
    }
    return parsed;
  }

  function remoteDuration(options, name, fallback, { finite }) {
    const value = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (finite && !(value <= MAX_TIMER_MS))) {
      const range = finite ? `a number of milliseconds from 0 to ${MAX_TIMER_MS}` : 'a non-negative number of milliseconds (Infinity allowed)';
      throw new TypeError(`createRemoteJWKSet: options.${name} must be ${range}; got ${typeof value === 'number' ? value : describe(value)}`);
    }
    return value;
  }

  function remoteHeaders(headers) {
    const out = {};
    if (headers !== undefined) {
      if (!isPlainObject(headers)) {
        throw new TypeError(`createRemoteJWKSet: options.headers must be a plain object of header names to strings; got ${describe(headers)}`);
      }
      for (const [name, value] of Object.entries(headers)) {
        if (typeof value !== 'string') throw new TypeError(`createRemoteJWKSet: options.headers[${JSON.stringify(name)}] must be a string; got ${describe(value)}`);
        out[name] = value;
      }
      if (typeof Headers === 'function') {
        try {
          new Headers(out); // rejects invalid names and values now rather than at the first fetch
        } catch (e) {
          throw new TypeError(`createRemoteJWKSet: options.headers: ${e && e.message}`);
        }
      }
    }
    if (!Object.keys(out).some((n) => n.toLowerCase() === 'accept')) out.accept = 'application/jwk-set+json, application/json';
    return out;
  }

  /** A timer that aborts `controller` and makes every raced promise reject once it fires. */
  function fetchDeadline(ms, controller) {
    let timer;
    let expired = false;
    const fired = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        expired = true;
        try {
          controller.abort();
        } catch {
          // nothing to abort
        }
        reject(new Error('timeout'));
      }, ms);
    });
    fired.catch(() => {});
    return {
      race: (p) => Promise.race([p, fired]),
      get expired() {
        return expired;
      },
      clear: () => clearTimeout(timer),
    };
  }

  function cancelBody(response) {
    try {
      if (response.body && !response.bodyUsed) response.body.cancel().catch(() => {});
    } catch {
      // a locked or already closed body
    }
  }

  /** The body as bytes, refusing (and cancelling) anything over JWKS_MAX_BYTES. */
  async function readJwksBody(response, deadline, where) {
    const tooLarge = (detail) => new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is larger than 1 MiB (${detail})`);
    const declared = response.headers.get('content-length');
    if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > JWKS_MAX_BYTES) {
      cancelBody(response);
      throw tooLarge(`Content-Length: ${declared.trim()}`);
    }
    if (response.body === null || response.body === undefined) {
      // No stream (an old fetch polyfill): let the platform buffer it, then check.
      const buffer = new Uint8Array(await deadline.race(response.arrayBuffer()));
      if (buffer.byteLength > JWKS_MAX_BYTES) throw tooLarge(`${buffer.byteLength} bytes`);
      return buffer;
    }
    const reader = response.body.getReader();
    const chunks = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await deadline.race(reader.read());
        if (done) break;
        if (toStringTag(value) !== '[object Uint8Array]') throw new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is not a byte stream`);
        total += value.byteLength;
        if (total > JWKS_MAX_BYTES) throw tooLarge(`more than ${JWKS_MAX_BYTES} bytes received`);
        chunks.push(value);
      }
    } catch (e) {
      reader.cancel().catch(() => {});
      throw e;
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.byteLength;
    }
    return bytes;
  }

  /**
   * One GET of the JWKS: resolves to { jwks, key } (the parsed document and its JWKS Key) or
   * rejects with ERR_JWKS_TIMEOUT / ERR_JWKS_INVALID.
   */
  async function fetchJwks(url, headers, timeoutMs) {
    // Only the origin and path in messages: a query string may carry an API key.
    const where = `${url.origin}${url.pathname}`;
    const fetchImpl = globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new TypeError('createRemoteJWKSet needs a global fetch() (Node >= 18, Workers, browsers)');
    const controller = new AbortController();
    const deadline = fetchDeadline(timeoutMs, controller);
    let bytes;
    try {
      const response = await deadline.race(
        Promise.resolve().then(() => fetchImpl(url.href, { method: 'GET', headers: { ...headers }, redirect: 'manual', signal: controller.signal })),
      );
      if (response.status !== 200) {
        cancelBody(response);
        const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
        throw new JwtError(
          'ERR_JWKS_INVALID',
          redirected
            ? `the JWKS endpoint ${where} answered with a redirect (HTTP ${response.status}); redirects are not followed, configure the final URL`
            : `the JWKS endpoint ${where} answered HTTP ${response.status}, expected 200`,
        );
      }
      bytes = await readJwksBody(response, deadline, where);
    } catch (e) {
      if (deadline.expired) {
        throw new JwtError('ERR_JWKS_TIMEOUT', `the JWKS request to ${where} did not complete within ${timeoutMs} ms (timeoutDuration)`);
      }
      if (e instanceof JwtError) throw e;
      const why = e && typeof e.message === 'string' && e.message !== '' ? e.message : String(e);
      throw new JwtError('ERR_JWKS_INVALID', `the JWKS request to ${where} failed (network error: ${why})`, { cause: e });
    } finally {
      deadline.clear();
    }
    let jwks;
    try {
      jwks = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
    } catch (e) {
      throw new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is not JSON (${e && e.name === 'TypeError' ? 'not UTF-8' : e && e.message})`);
    }
    if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) {
      throw new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is not a JWK Set (a JSON object with a "keys" array)`);
    }
    let key;
    try {
      key = importKey(jwks);
    } catch (e) {
      if (e instanceof JwtError) throw new JwtError('ERR_JWKS_INVALID', `the JWKS from ${where} is not a valid JWK Set: ${e.message}`);
      throw e;
    }
    return { jwks, key };
  }

  /**
   * A set member's public part as a Key, or null when the core would leave the member out of a
   * parsed set (members of the wrong type, key material that does not parse or is too weak), so
   * that a broken key under a reused kid cannot turn a valid token into "multiple matching keys"
   * (issue 14). Private members a server leaked are never imported.
   */
  function publicKeyOf(jwk) {
    const publicJwk = { ...jwk };
    for (const member of PRIVATE_JWK_MEMBERS) delete publicJwk[member];
    try {
      return importKey(publicJwk);
    } catch (e) {
      if (e instanceof JwtError) return null;
      throw e;
    }
  }

  /**
   * The contract's JWKS selection over the parsed set (the core does the same inside verify):
   * `{ key }`, a new Key for the one matching member, or `{ error }`.
   */
  function selectKey(keys, alg, kid) {
    const [kty, crv] = JWK_FIT.get(alg);
    const shaped = keys.filter(
      (k) =>
        isPlainObject(k) &&
        (kid === undefined || k.kid === kid) &&
        k.kty === kty &&
        (k.alg === undefined || k.alg === alg) &&
        (crv === undefined || k.crv === crv) &&
        (k.use === undefined || k.use === 'sig') &&
        (k.key_ops === undefined || (Array.isArray(k.key_ops) && k.key_ops.includes('verify'))),
    );
    const found = shaped.map(publicKeyOf).filter((key) => key !== null);
    if (found.length === 1) return { key: found[0] };
    for (const key of found) key.free();
    const what = kid === undefined ? `alg ${alg}` : `kid "${kid}" and alg ${alg}`;
    if (found.length === 0) return { error: new JwtError('ERR_JWKS_NO_MATCHING_KEY', `no key in the JWKS matches ${what}`) };
    return { error: new JwtError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', `${found.length} keys in the JWKS match ${what}`) };
  }

  /** The header members getKey() selects by, with the checks verify() applies to them. */
  function selectionHeader(token) {
    const { header } = decode(token);
    const { alg, kid } = header;
    if (alg === undefined) throw new JwtError('ERR_JWS_INVALID', '"alg" header is missing');
    if (typeof alg !== 'string') throw new JwtError('ERR_JWS_INVALID', '"alg" header must be a string');
    if (alg === '') throw new JwtError('ERR_JWS_INVALID', '"alg" header is empty');
    if (alg.toLowerCase() === 'none') throw new JwtError('ERR_JOSE_ALG_NOT_ALLOWED', `alg "${alg}" (an unsecured JWS) is never allowed`);
    if (!JWK_FIT.has(alg)) throw new JwtError('ERR_JOSE_NOT_SUPPORTED', `alg "${alg}" is not supported`);
    if (kid !== undefined && typeof kid !== 'string') throw new JwtError('ERR_JWS_INVALID', '"kid" header must be a string');
    return { alg, kid };
  }

  const isNoMatch = (e) => e instanceof JwtError && e.code === 'ERR_JWKS_NO_MATCHING_KEY';
  const EMPTY_SET = { kind: 'jwk', value: '{"keys":[]}' };

  /**
   * Keys fetched from a JWKS endpoint, cached in memory and refetched on expiry or key rotation.
   * Returns at once; the first fetch happens on first use (or reload()).
   */
  function createRemoteJWKSet(url, options) {
    const target = remoteUrl(url);
    if (options !== undefined && !isPlainObject(options)) {
      throw new TypeError(`createRemoteJWKSet: options must be a plain object; got ${describe(options)}`);
    }
    const opts = options === undefined ? {} : options;
    const cacheMaxAge = remoteDuration(opts, 'cacheMaxAge', 600000, { finite: false });
    const cooldownDuration = remoteDuration(opts, 'cooldownDuration', 30000, { finite: false });
    const timeoutDuration = remoteDuration(opts, 'timeoutDuration', 5000, { finite: true });
    const headers = remoteHeaders(opts.headers);

    // current: { jwks, key, startedAt, fetchedAt } of the last good fetch, or null. It is only ever
    // replaced by another good one, and read synchronously right before use, so a Key is never used
    // after it has been freed.
    let current = null;
    let lastAttemptAt = null; // start of the latest fetch of any kind (the cooldown clock)
    let lastAttemptFailed = false;
    let pending = null; // the in-flight fetch, shared: { promise, startedAt }

    const coolingDown = () => lastAttemptAt !== null && monotonicNow() - lastAttemptAt < cooldownDuration;

    function startFetch() {
      const startedAt = monotonicNow();
      lastAttemptAt = startedAt;
      const entry = { startedAt, promise: null };
      entry.promise = fetchJwks(target, headers, timeoutDuration).then(
        ({ jwks, key }) => {
          if (pending === entry) pending = null;
          if (current !== null && current.startedAt > startedAt) {
            key.free(); // a late answer to a fetch that a newer one already overtook
            return;
          }
          const old = current;
          current = { jwks, key, startedAt, fetchedAt: monotonicNow() };
          lastAttemptFailed = false;
          if (old !== null) old.key.free();
        },
        (e) => {
          if (pending === entry) {
            pending = null;
            lastAttemptFailed = true;
          }
          throw e;
        },
      );
      entry.promise.catch(() => {}); // a failure nobody waits for is not an unhandled rejection
      pending = entry;
      return entry;
    }

    /** Waits for a shared fetch, but never much past its own timeout. */
    function join(entry) {
      let timer;
      const limit = Math.min(timeoutDuration + SHARED_FETCH_GRACE_MS, MAX_TIMER_MS);
      const giveUp = new Promise((resolve, reject) => {
        timer = setTimeout(() => {
          if (pending === entry) {
            pending = null;
            lastAttemptFailed = true;
          }
          reject(new JwtError('ERR_JWKS_TIMEOUT', `the JWKS request to ${target.origin}${target.pathname} did not complete within ${timeoutDuration} ms (timeoutDuration)`));
        }, limit);
      });
      return Promise.race([entry.promise, giveUp]).finally(() => clearTimeout(timer));
    }

    /** Makes `current` usable: fetched at least once, and fresh unless a refetch just failed. */
    const keysFresh = () => current !== null && monotonicNow() - current.fetchedAt < cacheMaxAge;

    async function ensureKeys() {
      if (keysFresh()) return;
      if (pending === null && current !== null && lastAttemptFailed && coolingDown()) return; // stale, kept
      try {
        await join(pending ?? startFetch());
      } catch (e) {
        if (current === null) throw e;
        // A failed refresh: keep serving the keys we have.
      }
    }

    /**
     * After a lookup in `seen` found no key: fetch once more if allowed. Returns true when there is
     * a newer set to look in, false when the lookup's answer stands (cooling down).
     */
    async function refetchForUnknownKey(seen) {
      if (current !== seen) return true; // replaced meanwhile
      if (pending !== null) {
        await join(pending);
        return true;
      }
      if (coolingDown()) return false;
      await join(startFetch());
      return true;
    }

    async function remoteVerify(token, verifyOptions) {
      checkToken(token);
      const normalised = normaliseOptions(verifyOptions, { claims: true });
      const clockGiven = verifyOptions.currentDate !== undefined;
      const givenNow = clockGiven ? callTime(verifyOptions) : 0;
      checkSize(token, normalised.maxTokenBytes);
      // `now` is taken just before the core runs, not before a fetch that may take seconds.
      const verifyWith = (source) => verifySource(token, source, normalised, clockGiven ? givenNow : Math.floor(Date.now() / 1000));
      const attempt = () => {
        if (isStale(keyState.get(current.key))) {
          // The module was reset after a trap: the set's Key died with the old instance. Import
          // the document we already have again; no fetch is needed for that.
          current.key = importKey(current.jwks);
        }
        return verifyWith({ kind: 'key', key: current.key });
      };
      if (!keysFresh()) {
        // A fetch may be due: what verify() refuses before it needs a key (a malformed token, a
        // bad header, alg none or not in the allow-list) must not cost one, as in jose. Verify
        // against an empty key set: only "no matching key" means the token itself got through.
        try {
          verifyWith(EMPTY_SET);
        } catch (e) {
          if (!isNoMatch(e)) throw e;
        }
      }
      await ensureKeys();
      const seen = current;
      try {
        return attempt();
      } catch (e) {
        if (!isNoMatch(e)) throw e;
        if (!(await refetchForUnknownKey(seen))) throw e;
      }
      return attempt();
    }

    async function remoteGetKey(token) {
      checkToken(token);
      const { alg, kid } = selectionHeader(token);
      await ensureKeys();
      let seen = current;
      let picked = selectKey(seen.jwks.keys, alg, kid);
      if (isNoMatch(picked.error) && (await refetchForUnknownKey(seen))) {
        seen = current;
        picked = selectKey(seen.jwks.keys, alg, kid);
      }
      if (picked.error) throw picked.error;
      // A new Key for each call, owned by the caller (free() it, or leave it to the GC); it stays
      // valid whatever happens to the set afterwards.
      return picked.key;
    }

    async function remoteReload() {
      await join(pending ?? startFetch());
    }

    return Object.freeze({
      verify: (token, verifyOptions) => remoteVerify(token, verifyOptions),
      getKey: (token) => remoteGetKey(token),
      reload: () => remoteReload(),
    });
  }

  return { decode, verify, verifyJws, importKey, createVerifier, inspect, createRemoteJWKSet };
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
