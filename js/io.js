// The lean crossing (src/wasm/io.rs)
//
// Every per-token call writes the token (and a key given with it) into one input buffer inside
// the wasm memory with encodeInto, passes lengths and numbers, and reads one JSON text back from
// the output buffer. The state below is per wasm instance: a reset after a trap makes a new one,
// and with it go the cached options handles (they lived in the old instance's memory).

import { translateThrown } from './errors.js';

const encoder = new TextEncoder();
export const decoder = new TextDecoder();
const ioStates = new WeakMap();

/** The io state of `holder`'s current instance. */
export function ioOf(holder) {
  const b = holder.get();
  let st = ioStates.get(holder);
  if (st === undefined || st.epoch !== holder.epoch) {
    // limits: the core's byte limits and buffer sizes (src/wasm/verify.rs, limits), read once
    const limits = JSON.parse(b.limits());
    st = { epoch: holder.epoch, b, limits, memory: b.ioMemory(), bytes: null, input: null, inPtr: 0, inCap: 0, outPtr: 0, outCap: -1, keyLength: 0, options: { jwt: null, jws: null } };
    ioStates.set(holder, st);
  }
  return st;
}

/**
 * The core's limits for `holder`'s entry: `{ maxTokenBytes, maxInspectBytes, maxRemoteJwksBytes,
 * ioKeepBytes, ioSmallBytes }`. The JS layer refuses by them before copying into wasm; it has no
 * numbers of its own.
 */
export const limitsOf = (holder) => ioOf(holder).limits;

/** The whole memory as bytes; renewed when the memory has grown (the old view is then empty). */
export function memoryBytes(st) {
  if (st.bytes === null || st.bytes.byteLength === 0) st.bytes = new Uint8Array(st.memory.buffer);
  return st.bytes;
}

/** A view of the input buffer with room for `need` bytes. */
export function inputFor(st, need) {
  // A buffer grown for one huge token is given back once tokens are small again (io.rs shrinks it).
  const { ioKeepBytes, ioSmallBytes } = st.limits;
  if (need > st.inCap || (st.inCap > ioKeepBytes && need <= ioSmallBytes)) {
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
export function writeInput(st, token, keyKind, keyValue) {
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
export function ioResult(st, n) {
  if (n === IO_FAILED) throw translateThrown(st.b.ioTakeError());
  return n;
}

/**
 * The address of an output of `n` bytes. The output buffer keeps its address while outputs fit in
 * its capacity and it is at most ioKeepBytes (io.rs replaces a larger one): asked again only then.
 */
export function outputAt(st, n) {
  if (n > st.outCap || st.outCap > st.limits.ioKeepBytes) {
    st.outPtr = st.b.ioOutput();
    st.outCap = st.b.ioOutputCapacity();
  }
  return st.outPtr;
}

/** The first `n` bytes of the output as text. */
export function outputText(st, n) {
  const at = outputAt(st, n);
  return decoder.decode(memoryBytes(st).subarray(at, at + n));
}
