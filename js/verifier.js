// createVerifier: a key and options prepared once, held by the core; each call passes only the
// token and the time (the fastest path through the lean crossing).
import { ioOf, ioResult, limitsOf, writeInput } from './io.js';
import { coreError, callCore } from './errors.js';
import { checkToken, describe } from './checks.js';
import { addDispose, buildWasmKey, classifyKey, keyState, liveHandle, verifierLifecycle, verifierState } from './keys.js';
import { normaliseOptions, secondsNow } from './options.js';
import { tooLarge, verifiedResult } from './tokens.js';

/**
 * Prepares `key` and `options` once (as fast-jwt's createVerifier): options are checked and
 * normalised here and held by the core, so each call passes only the token and the time. The
 * verifier holds its own copy of the key (freeing a Key afterwards does not affect it).
 */
export function createVerifier(holder, key, options) {
  const source = classifyKey(key, 'key');
  if (options !== null && typeof options === 'object' && !Array.isArray(options) && options.currentDate !== undefined) {
    throw new TypeError('options.currentDate is not fixed at createVerifier(): pass it with each call, verifier(token, { currentDate })');
  }
  const opts = normaliseOptions(options, { claims: true });
  const maxTokenBytes = opts.maxTokenBytes ?? limitsOf(holder).maxTokenBytes;
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
    temporary = buildWasmKey(holder, holder.get(), source, undefined);
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
    // a temporary handle is freed unless a trap replaced the instance that made it
    if (temporary !== null && epoch === holder.epoch) temporary.free();
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
    return verifiedResult(st, ioResult(st, n));
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
