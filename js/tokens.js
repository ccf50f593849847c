// Tokens: decode, verify, verifyJws and inspect over the lean crossing (io.js). Each takes the
// holder of the entry that calls it first; jwtlens.js binds them per entry. The whitespace and
// "Bearer " trimming of pasted tokens is here too (the core does the same).
import { JwtError, callCore } from './errors.js';
import { checkToken, describe, toStringTag } from './checks.js';
import { COLD_KIND, classifyKey, keyState, liveHandle } from './keys.js';
import { decoder, ioOf, ioResult, memoryBytes, outputAt, outputText, writeInput } from './io.js';
import { DEFAULT_MAX_TOKEN_BYTES, callTime, normaliseOptions, optionsHandle } from './options.js';

export function tooLarge(limit) {
  return new JwtError('ERR_JWT_INVALID', `token is larger than the ${limit}-byte limit (maxTokenBytes)`);
}

// A string of n UTF-16 code units is at least n UTF-8 bytes, so `length > limit` proves the token
// is over the limit without encoding it (or copying a huge string into wasm). The core still
// measures the exact byte length.
export function checkSize(token, limit) {
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
export function coreTrim(s) {
  const from = CORE_LEADING_WS.exec(s)[0].length;
  // trimEnd() is native; its set differs from the core's only by U+FEFF (which the core keeps:
  // resume after the last one it removed) and U+0085 (which it keeps: the loop goes on).
  let to = s.trimEnd().length;
  for (let bom = s.indexOf('\ufeff', to); bom !== -1; bom = s.indexOf('\ufeff', bom + 1)) to = bom + 1;
  while (to > from && isCoreWhitespace(s.charCodeAt(to - 1))) to--;
  return from === 0 && to === s.length ? s : s.slice(from, Math.max(from, to));
}

/** token::trim_pasted of the core: the token without surrounding whitespace and "Bearer ". */
export function pastedBody(token) {
  const body = coreTrim(token);
  const bearer = BEARER.exec(body);
  return bearer === null ? body : coreTrim(body.slice(bearer[0].length));
}

/**
 * Splits and parses a compact JWS **without verifying it**: nothing here can be trusted until
 * verify() has checked the signature and the claims.
 */
export function decode(holder, token) {
  checkToken(token);
  if (token.length > DEFAULT_MAX_TOKEN_BYTES) {
    token = coreTrim(token); // the core trims the same; "Bearer " is left to it
    // n UTF-16 code units are at least n UTF-8 bytes: over the limit without encoding it
    if (pastedBody(token).length > DEFAULT_MAX_TOKEN_BYTES) throw tooLarge(DEFAULT_MAX_TOKEN_BYTES);
  }
  const st = ioOf(holder);
  let length;
  // the copy into wasm memory may need it to grow: inside the trap recovery, as the call
  const n = ioResult(st, callCore(holder, () => {
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
  checkSize(token, opts.maxTokenBytes);
  return verifySource(holder, token, source, opts, now);
}

/** Verifies a compact JWS whose payload may be any bytes; no JWT claim processing. */
export function verifyJws(holder, token, key, options) {
  checkToken(token);
  const source = classifyKey(key, 'key');
  const opts = normaliseOptions(options, { claims: false });
  checkSize(token, opts.maxTokenBytes);
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
  const b = holder.get();
  return JSON.parse(callCore(holder, () => b.inspect(token, now, secret)));
}
