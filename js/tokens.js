// Tokens: decode, verify, verifyJws and inspect over the lean crossing (io.js). Each takes the
// holder of the entry that calls it first; jwtlens.js binds them per entry. Limits and the
// trimming of pasted tokens are the core's (limitsOf, pastedToken): this module only asks.
import { JwtError, callCore } from './errors.js';
import { checkToken, describe, toStringTag } from './checks.js';
import { COLD_KIND, classifyKey, keyState, liveHandle } from './keys.js';
import { decoder, ioOf, ioResult, limitsOf, memoryBytes, outputAt, outputText, writeInput } from './io.js';
import { callTime, normaliseOptions, optionsHandle } from './options.js';

export function tooLarge(limit) {
  return new JwtError('ERR_JWT_INVALID', `token is larger than the ${limit}-byte limit (maxTokenBytes)`);
}

/**
 * Refuses a token over `options.maxTokenBytes` (the core's default when not given) before it is
 * copied into wasm. A string of n UTF-16 code units is at least n UTF-8 bytes, so `length >
 * limit` proves it is over without encoding it; the core still measures the exact byte length.
 */
export function checkSize(holder, token, opts) {
  const limit = opts.maxTokenBytes ?? limitsOf(holder).maxTokenBytes;
  if (token.length > limit) throw tooLarge(limit);
}

// decode(), inspect() and getKey() tolerate whitespace around a pasted token and a "Bearer "
// prefix, which do not count towards the size limit. The core trims them (src/paste.rs). Under the
// limit the text is copied into wasm as it is; over it, megabytes of whitespace around a small
// token must not be, so the core is asked about windows of the text at its two ends and what it
// calls noise is dropped: the rest trims, in the core, to the same token.
const PASTE_WINDOW = 8192; // code units per question: at most 24 KiB copied into wasm at a time

/**
 * `text` without the pasting noise the core finds at its ends: `{ text, token }`, where `text`
 * still trims to the same token in the core and `token` is that token (exactly, unless it is
 * the word "Bearer" alone, which is short).
 */
function withoutNoise(b, text) {
  let start = 0;
  let kept = '';
  for (;;) {
    const [space, keep, after] = b.pastedHead(text.slice(start, start + PASTE_WINDOW), kept !== '');
    if (keep > 0) {
      kept = text.slice(start + space, start + space + keep);
      start += space + keep + after;
    } else if (space > 0) {
      start += space;
    } else {
      break;
    }
  }
  let end = text.length;
  while (end > start) {
    const from = Math.max(start, end - PASTE_WINDOW);
    const space = b.pastedTail(text.slice(from, end));
    const whole = space === end - from;
    end -= space;
    if (!whole) break;
  }
  const token = text.slice(start, end);
  return { text: kept + token, token };
}

/**
 * A pasted `text` to copy into wasm for a call that trims it with a limit of `limit` bytes: the
 * text itself when it is short, else the text without its noise; refused (`tooLarge`) when even
 * the token in it is over the limit.
 */
export function pastedToken(holder, text, limit) {
  if (text.length <= limit) return text;
  const b = holder.get();
  const pasted = callCore(holder, () => withoutNoise(b, text));
  if (pasted.token.length > limit) throw tooLarge(limit);
  return pasted.text;
}

/**
 * Splits and parses a compact JWS **without verifying it**: nothing here can be trusted until
 * verify() has checked the signature and the claims.
 */
export function decode(holder, token) {
  checkToken(token);
  const st = ioOf(holder);
  const limit = st.limits.maxTokenBytes;
  token = pastedToken(holder, token, limit);
  let length;
  // the copy into wasm memory may need it to grow: inside the trap recovery, as the call
  const n = ioResult(st, callCore(holder, () => {
    length = writeInput(st, token);
    return st.b.decodeIo(length, limit);
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
 * Runs one verification of `token` under normalised options `opts` through the io buffers and
 * hands `(st, n)` to `finish`: with a Key, its handle on its own instance (`keyed(st, handle,
 * options, length)`); with any other key form, the key written with the token (`cold(st, kind,
 * options, length)`, the key's length in `st.keyLength`). The options handle, the copy into wasm
 * memory and the call all run inside the trap recovery (each can allocate in wasm), with the
 * core's errors translated.
 */
function crossVerify(holder, token, source, opts, claims, keyed, cold, finish) {
  if (source.kind === 'key') {
    const state = keyState.get(source.key);
    const handle = liveHandle(state);
    const st = ioOf(state.holder);
    const n = ioResult(st, callCore(state.holder, () => {
      const options = optionsHandle(st, opts, claims);
      return keyed(st, handle, options, writeInput(st, token));
    }));
    return finish(st, n);
  }
  const st = ioOf(holder);
  const kind = COLD_KIND[source.kind];
  const n = ioResult(st, coldCall(holder, st, () => {
    const options = optionsHandle(st, opts, claims);
    return cold(st, kind, options, writeInput(st, token, kind, source.value));
  }));
  return finish(st, n);
}

/** A JWT verification of `token` with a classified key under normalised options `opts` at `now`. */
export function verifySource(holder, token, source, opts, now) {
  return crossVerify(
    holder, token, source, opts, true,
    (st, handle, options, length) => st.b.verifyIo(handle, options, length, now),
    (st, kind, options, length) => st.b.verifyColdIo(kind, st.keyLength, options, length, now),
    verifiedResult,
  );
}

/**
 * `run()` with key material written into the input: the key's bytes are wiped from wasm memory
 * afterwards, however the call ends (a secret does not stay behind in a reused buffer).
 */
function coldCall(holder, st, run) {
  try {
    return callCore(holder, run);
  } finally {
    if (st.epoch === holder.epoch && st.keyLength > 0) {
      memoryBytes(st).fill(0, st.inPtr, st.inPtr + st.keyLength);
      st.keyLength = 0;
    }
  }
}

/** The result of a JWT verification: the output is `[header, payload]`. */
export function verifiedResult(st, n) {
  const out = JSON.parse(outputText(st, n));
  return { payload: out[1], protectedHeader: out[0] };
}

/** Verifies a JWT: the signature with `key`, under `options.algorithms`, then its claims. */
export function verify(holder, token, key, options) {
  checkToken(token);
  const source = classifyKey(key, 'key');
  const opts = normaliseOptions(options, { claims: true });
  const now = callTime(options);
  checkSize(holder, token, opts);
  return verifySource(holder, token, source, opts, now);
}

/** Verifies a compact JWS whose payload may be any bytes; no JWT claim processing. */
export function verifyJws(holder, token, key, options) {
  checkToken(token);
  const source = classifyKey(key, 'key');
  const opts = normaliseOptions(options, { claims: false });
  checkSize(holder, token, opts);
  return crossVerify(
    holder, token, source, opts, false,
    (st, handle, options, length) => st.b.verifyJwsIo(handle, options, length),
    (st, kind, options, length) => st.b.verifyJwsColdIo(kind, st.keyLength, options, length),
    verifiedJwsResult,
  );
}

/** The result of a JWS verification: the output is the header's JSON text, then the payload bytes. */
function verifiedJwsResult(st, headerLength) {
  const total = st.b.ioOutputLength();
  const at = outputAt(st, total);
  const bytes = memoryBytes(st);
  return {
    payload: bytes.slice(at + headerLength, at + total),
    protectedHeader: JSON.parse(decoder.decode(bytes.subarray(at, at + headerLength))),
  };
}

// ---------------------------------------------------------------------------------------------
// Inspect

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
export function inspect(holder, token, options) {
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
  const { b, limits } = ioOf(holder);
  const max = limits.maxInspectBytes;
  if (token.length > max) {
    // Over the limit nothing is read: the core's report for that size, without copying the text.
    const pasted = callCore(holder, () => withoutNoise(b, token));
    if (pasted.token.length > max) return JSON.parse(callCore(holder, () => b.inspectTooLarge(utf8Length(pasted.token))));
    token = pasted.text;
  }
  return JSON.parse(callCore(holder, () => b.inspect(token, now, secret)));
}
