// Errors: the one JwtError class, and what a binding call threw turned into the contract's errors
// (the `[code, message, claim, reason]` arrays the boundary throws), with the recovery from a
// trap that replaces the wasm instance (issue 15). Shared by every entry, jwtlens/sign included.

// (bench/stress.mjs, the conformance runner) read and fail on, and the test hook that forces a
// trap through an entry's own recovery path. Under a registered symbol, outside the public API.
const INTERNALS = Symbol.for('jwtlens.internals');
export function internals() {
  let o = globalThis[INTERNALS];
  if (o === undefined) {
    o = { recoveredTraps: 0, lastTrap: null, entries: new Map() };
    Object.defineProperty(globalThis, INTERNALS, { value: o, configurable: true, enumerable: false, writable: false });
  }
  return o;
}

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
export function callCore(holder, fn) {
  try {
    return fn();
  } catch (thrown) {
    throw coreError(holder, thrown);
  }
}

/** What a binding call of `holder`'s module threw, as the error to give the caller (see callCore). */
export function coreError(holder, thrown) {
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

export function translateThrown(thrown) {
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
